/// The value `f` returns as a Deferred that already has it, or its thrown error as a failed one.
@_disfavoredOverload
public func maybeDeferred<T: Sendable>(_ f: () throws -> T) -> Deferred<T> {
    _maybeDeferred(f, site: .unknown)
}

/// `maybeDeferred`, recording the call site.
public func maybeDeferred<T: Sendable>(
    _ f: () throws -> T,
    fileID: StaticString = #fileID,
    line: UInt = #line
) -> Deferred<T> {
    _maybeDeferred(f, site: CallSite(fileID: fileID, line: line))
}

/// The Deferred `f` returns, that very one, or its thrown error as a failed Deferred.
@_disfavoredOverload
public func maybeDeferred<T: Sendable>(_ f: () throws -> Deferred<T>) -> Deferred<T> {
    _maybeDeferred(f, site: .unknown)
}

/// `maybeDeferred`, recording the call site (used only when `f` throws).
public func maybeDeferred<T: Sendable>(
    _ f: () throws -> Deferred<T>,
    fileID: StaticString = #fileID,
    line: UInt = #line
) -> Deferred<T> {
    _maybeDeferred(f, site: CallSite(fileID: fileID, line: line))
}

func _maybeDeferred<T: Sendable>(_ f: () throws -> T, site: CallSite) -> Deferred<T> {
    do {
        return Deferred(_chain: _Chain(label: nil, outcome: .success(try f()), site: site))
    } catch {
        return Deferred(_chain: _Chain(label: nil, outcome: .failure(error), site: site))
    }
}

func _maybeDeferred<T: Sendable>(_ f: () throws -> Deferred<T>, site: CallSite) -> Deferred<T> {
    do {
        return try f()
    } catch {
        return Deferred(_chain: _Chain(label: nil, outcome: .failure(error), site: site))
    }
}
