/// Reading a chain's type-erased value as the type a step expects.
///
/// `value as? V` goes through the runtime's general cast (about 250 instructions, most of a
/// step's cost). A handle's steps almost always receive exactly their `Value` type, so the fast
/// path compares the type stored in the existential container with `V` and, when they are the
/// same, reads `V` straight out of the container, following the Swift ABI's layout: three words
/// of buffer then the type's metadata; the value inline in the buffer when it fits there, else in
/// the heap box the buffer points to. Anything else (an existential or protocol `V`, a subclass,
/// a wrapped value) takes the general cast.
@inlinable
@inline(__always)
func _cast<V>(_ value: any Sendable, to _: V.Type) -> V? {
    let exact: V? = withUnsafePointer(to: value) { _projectExactly(container: UnsafeRawPointer($0), as: V.self) }
    if let exact {
        return exact
    }
    return value as? V
}

/// The `V` in the existential container at `container`, if the container holds exactly a `V`.
@inlinable
@inline(__always)
func _projectExactly<V>(container buffer: UnsafeRawPointer, as _: V.Type) -> V? {
    // The container's fourth word is the metadata of the type stored in it.
    let stored = buffer.load(fromByteOffset: 3 * MemoryLayout<Int>.size, as: UnsafeRawPointer.self)
    guard stored == unsafeBitCast(V.self as Any.Type, to: UnsafeRawPointer.self) else { return nil }
    if _isStoredInline(V.self) {
        return buffer.load(as: V.self)
    }
    let box = buffer.load(as: UnsafeRawPointer.self)
    return box.load(fromByteOffset: _boxedValueOffset(V.self), as: V.self)
}

/// The value of a `.success` result as a `V`, read in place: a multi-payload enum keeps its
/// payload at offset 0, so the existential container of `.success` starts where the enum does.
/// Copying the payload out first would cost an existential copy and destroy per step.
@inlinable
@inline(__always)
func _successValue<V>(_ input: _Phase, as _: V.Type) throws -> V {
    let exact: V? = withUnsafePointer(to: input) { _projectExactly(container: UnsafeRawPointer($0), as: V.self) }
    if let exact {
        return exact
    }
    guard case .success(let value) = input else { _noResult() }
    return try _typedValue(value, as: V.self)
}

/// Whether an existential container keeps a `V` in its own three-word buffer.
@inlinable
@inline(__always)
func _isStoredInline<V>(_: V.Type) -> Bool {
    MemoryLayout<V>.size <= 3 * MemoryLayout<Int>.size
        && MemoryLayout<V>.alignment <= MemoryLayout<Int>.alignment
        && _isBitwiseTakable(V.self)
}

/// Where a boxed `V` starts in its heap box: after the two-word object header, aligned for `V`.
@inlinable
@inline(__always)
func _boxedValueOffset<V>(_: V.Type) -> Int {
    let header = 2 * MemoryLayout<Int>.size
    let mask = MemoryLayout<V>.alignment - 1
    return (header + mask) & ~mask
}
