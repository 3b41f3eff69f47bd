import DeferredKit
import Synchronization

/// A thread-safe list that steps append to.
final class Log<Element: Sendable>: Sendable {
    private let items = _Lock<[Element]>([])

    init() {}

    func append(_ item: Element) {
        items.withLock { $0.append(item) }
    }

    var all: [Element] { items.withLock { $0 } }

    var count: Int { items.withLock { $0.count } }
}

/// A thread-safe counter.
final class Tally: Sendable {
    private let value = Atomic<Int>(0)

    init() {}

    func increment() {
        value.add(1, ordering: .relaxed)
    }

    var count: Int { value.load(ordering: .relaxed) }
}

/// The error tests throw; `name` tells instances apart.
struct Boom: Error, Equatable, CustomStringConvertible {
    let name: String

    init(_ name: String = "boom") {
        self.name = name
    }

    var description: String { "Boom(\(name))" }
}

/// The `name` of a `Boom`, nil for any other error.
func boomName(_ error: (any Error)?) -> String? {
    (error as? Boom)?.name
}

/// What has reached the end of `d`'s chain so far (nil while nothing has). Adds one pass-through
/// step, which keeps both the result and whether its failure counts as handled.
func current<T: Sendable>(_ d: Deferred<T>) -> Result<T, any Error>? {
    let seen = Log<Result<T, any Error>>()
    d.addBoth { result -> T in
        seen.append(result)
        return try result.get()
    }
    return seen.all.first
}

/// The success value at the end of `d`'s chain so far.
func currentValue<T: Sendable>(_ d: Deferred<T>) -> T? {
    if case .success(let value)? = current(d) { return value }
    return nil
}

/// The failure at the end of `d`'s chain so far.
func currentError<T: Sendable>(_ d: Deferred<T>) -> (any Error)? {
    if case .failure(let error)? = current(d) { return error }
    return nil
}

/// Handles whatever failure `d` ends with, so that it is not reported as unhandled.
func handle<T: Sendable>(_ d: Deferred<T>, with value: T) {
    d.addErrback { _ in value }
}

/// An object whose release a test can observe through a weak reference.
final class Token: Sendable {
    init() {}
}
