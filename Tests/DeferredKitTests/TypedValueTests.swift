import Testing

@testable import DeferredKit

/// The fast read of a chain's type-erased value must agree with `as?` for every kind of type the
/// existential container stores differently: inline, boxed, over-aligned, reference-counted, not
/// bitwise-takable, empty.
@Suite struct TypedValueTests {
    final class Reference: Sendable {
        let number: Int
        init(_ number: Int) { self.number = number }
    }

    struct Large: Sendable, Equatable {
        var a = 1
        var b = 2
        var c = 3
        var d = 4
        var e = "five"
    }

    struct WeakHolder: @unchecked Sendable {
        weak var target: Reference?
        var tag = 7
    }

    struct Empty: Sendable, Equatable {}

    enum Shape: Sendable, Equatable {
        case circle(Double)
        case named(String)
    }

    /// Round-trips `value` through `any Sendable` and reads it back both ways.
    func roundTrip<V: Sendable>(_ value: V) -> (fast: V?, general: V?) {
        let erased: any Sendable = value
        return (_cast(erased, to: V.self), erased as? V)
    }

    @Test func inlineValuesReadBack() {
        #expect(roundTrip(42).fast == 42)
        #expect(roundTrip(UInt8(7)).fast == 7)
        #expect(roundTrip(3.5).fast == 3.5)
        #expect(roundTrip(true).fast == true)
        #expect(
            roundTrip("a string long enough to live on the heap").fast == "a string long enough to live on the heap"
        )
        #expect(roundTrip([1, 2, 3]).fast == [1, 2, 3])
        #expect(roundTrip(Int?.some(5)).fast == .some(.some(5)))
        #expect(roundTrip(Int?.none).fast == .some(.none))
        #expect(roundTrip(Shape.named("x")).fast == .named("x"))
        #expect(roundTrip(Empty()).fast == Empty())
        let triple = roundTrip((1, 2, 3)).fast
        #expect(triple?.0 == 1 && triple?.1 == 2 && triple?.2 == 3)
    }

    @Test func boxedValuesReadBack() {
        #expect(roundTrip(Large()).fast == Large())
        let quad = roundTrip((1, 2, 3, 4)).fast
        #expect(quad?.3 == 4)
        let wide = SIMD8<Double>(1, 2, 3, 4, 5, 6, 7, 8)
        #expect(roundTrip(wide).fast == wide)
    }

    @Test func readingAReferenceRetainsItExactlyOnce() {
        weak var released: Reference?
        var kept: Reference?
        do {
            let reference = Reference(9)
            released = reference
            let erased: any Sendable = reference
            for _ in 0..<1_000 {
                _ = _cast(erased, to: Reference.self)
            }
            kept = _cast(erased, to: Reference.self)
        }
        #expect(kept?.number == 9)
        #expect(released != nil)
        kept = nil
        #expect(released == nil)
    }

    @Test func aValueThatIsNotBitwiseTakableReadsBack() {
        let target = Reference(1)
        let holder = WeakHolder(target: target, tag: 3)
        let read = roundTrip(holder).fast
        #expect(read?.target === target)
        #expect(read?.tag == 3)
        #expect(!_isStoredInline(WeakHolder.self))
    }

    @Test func existentialAndMismatchedTypesFallBackToTheGeneralCast() {
        let error: any Error & Sendable = Boom("e")
        let erased: any Sendable = error
        #expect(boomName(_cast(erased, to: (any Error).self)) == "e")
        #expect(_cast(erased, to: Int.self) == nil)
        let number: any Sendable = 5
        #expect(_cast(number, to: String.self) == nil)
        #expect(_cast(number, to: Int?.self) == .some(.some(5)))
    }
}
