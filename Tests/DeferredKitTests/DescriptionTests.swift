import DeferredKit
import Testing

/// The three description shapes.
@Suite struct DescriptionTests {
    @Test func aDeferredWithoutResultShowsOnlyItsId() {
        let d = Deferred<Int>()
        #expect(d.description == "<Deferred #\(d.id.rawValue)>")
    }

    @Test func aLabelFollowsTheIdInSingleQuotes() throws {
        let d = Deferred<Int>(label: "fetch user")
        #expect(d.description == "<Deferred #\(d.id.rawValue) 'fetch user'>")
        try d.callback(2)
        #expect(d.description == "<Deferred #\(d.id.rawValue) 'fetch user' current result: 2>")
    }

    @Test func aResultIsShownWithStringDescribing() throws {
        let d = Deferred<[String]>()
        try d.callback(["a"])
        #expect(d.description == "<Deferred #\(d.id.rawValue) current result: [\"a\"]>")
    }

    @Test func aFailureIsShownAsItsError() throws {
        let d = Deferred<Int>()
        try d.errback(Boom("bad"))
        #expect(d.description == "<Deferred #\(d.id.rawValue) current result: Boom(bad)>")
        handle(d, with: 0)
    }

    @Test func aChainWaitingOnAnotherNamesIt() throws {
        let outer = Deferred<Int>()
        let inner = Deferred<Int>()
        outer.addCallback { _ in inner }
        try outer.callback(0)
        #expect(outer.description == "<Deferred #\(outer.id.rawValue) waiting on Deferred #\(inner.id.rawValue)>")
        try inner.callback(1)
        #expect(outer.description == "<Deferred #\(outer.id.rawValue) current result: 1>")
    }

    @Test func aChainDeferredTargetReadsWaitingOnItsSource() throws {
        let source = Deferred<Int>()
        let target = Deferred<Int>()
        source.chainDeferred(target)
        #expect(target.description == "<Deferred #\(target.id.rawValue) waiting on Deferred #\(source.id.rawValue)>")
        #expect(!target.isPaused)
        #expect(!target.isCalled)
        try source.callback(3)
        #expect(target.description == "<Deferred #\(target.id.rawValue) current result: 3>")
    }
}
