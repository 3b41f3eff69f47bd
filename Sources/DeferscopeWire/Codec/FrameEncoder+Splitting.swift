extension FrameEncoder {
    /// Appends `items` as frames made by `frame`: one frame when it fits
    /// `WireLimits.maximumFrameLength`, else as many as it takes (the list is halved until
    /// each part fits).
    ///
    /// - Returns: how many items were left out because a frame holding just that one item would
    ///   still be too long (none, for records whose strings and lists are kept short).
    @discardableResult
    public func encode<Item>(
        splitting items: [Item],
        as frame: ([Item]) -> Frame,
        into buffer: inout [UInt8]
    ) -> Int {
        guard !items.isEmpty else { return 0 }
        let start = buffer.count
        encode(frame(items), into: &buffer)
        guard buffer.count - start - 4 > WireLimits.maximumFrameLength else { return 0 }
        buffer.removeSubrange(start...)
        guard items.count > 1 else { return 1 }
        let middle = items.count / 2
        return encode(splitting: Array(items[..<middle]), as: frame, into: &buffer)
            + encode(splitting: Array(items[middle...]), as: frame, into: &buffer)
    }
}
