extension Deferred {
    /// Makes `other` take part in this chain: when this chain's result reaches this point, `other`
    /// is fired with it (`callback` or `errback`), and this chain goes on with the same result.
    /// Until then `other` describes itself as waiting on this Deferred.
    ///
    /// If `other` already has a result by then, the `AlreadyCalledError` becomes this chain's
    /// failure, as in Twisted. Long lines of chained Deferreds fire in a loop, never by recursion.
    ///
    /// - Returns: This Deferred.
    @_disfavoredOverload
    @inlinable
    @discardableResult
    public func chainDeferred(_ other: Deferred<Value>) -> Deferred<Value> {
        _chain._chainDeferred(to: other._chain, label: nil, site: .unknown)
        return self
    }

    /// Makes `other` take part in this chain (see ``chainDeferred(_:)``), recording the call site.
    @inlinable
    @discardableResult
    public func chainDeferred(
        _ other: Deferred<Value>,
        label: String? = nil,
        fileID: StaticString = #fileID,
        line: UInt = #line
    ) -> Deferred<Value> {
        _chain._chainDeferred(to: other._chain, label: label, site: CallSite(fileID: fileID, line: line))
        return self
    }
}

extension _Chain {
    @usableFromInline
    func _chainDeferred(to target: _Chain, label: String?, site: CallSite) {
        target._markChained(from: self)
        _append(_Step(body: .forward(target), kind: .chain, site: site), label: label)
    }
}
