/// Where a truncated text loses its characters.
public enum TruncationPosition: Sendable {
    /// Keep the start: `Sources/Deferscope…`.
    case end
    /// Keep both ends: `Sources/…/Grid.swift` (good for paths).
    case middle
}

/// Which side of its space a text sits on.
public enum TextAlignment: Sendable {
    /// Flush left, padded on the right.
    case left
    /// Flush right, padded on the left.
    case right
    /// In the middle.
    case center
}

extension StringProtocol {
    /// The cells the text takes on a terminal.
    public var displayWidth: Int { DisplayWidth.of(self) }

    /// The text cut to at most `width` cells, ending (or, with `.middle`, cut inside) with
    /// `ellipsis` when anything was removed; a wide character never straddles the cut.
    public func truncated(
        toWidth width: Int,
        ellipsis: Character = "…",
        position: TruncationPosition = .end
    ) -> String {
        guard width > 0 else { return "" }
        let full = displayWidth
        guard full > width else { return String(self) }
        let ellipsisWidth = DisplayWidth.of(ellipsis)
        guard width > ellipsisWidth else { return String(repeating: ".", count: width) }
        let room = width - ellipsisWidth
        switch position {
        case .end:
            return String(Self.prefix(of: self, cells: room)) + String(ellipsis)
        case .middle:
            let head = Self.prefix(of: self, cells: (room + 1) / 2)
            let tail = Self.suffix(of: self, cells: room - head.displayWidth)
            return String(head) + String(ellipsis) + String(tail)
        }
    }

    /// The text padded with spaces (or truncated) to exactly `width` cells.
    public func padded(toWidth width: Int, alignment: TextAlignment = .left, ellipsis: Character = "…") -> String {
        let fitted = truncated(toWidth: width, ellipsis: ellipsis)
        let gap = Swift.max(0, width - fitted.displayWidth)
        switch alignment {
        case .left:
            return fitted + String(repeating: " ", count: gap)
        case .right:
            return String(repeating: " ", count: gap) + fitted
        case .center:
            return String(repeating: " ", count: gap / 2) + fitted + String(repeating: " ", count: gap - gap / 2)
        }
    }

    static func prefix(of text: Self, cells: Int) -> Substring {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let next = used + DisplayWidth.of(text[index])
            if next > cells { break }
            used = next
            end = text.index(after: index)
        }
        return Substring(text[text.startIndex..<end])
    }

    static func suffix(of text: Self, cells: Int) -> Substring {
        var used = 0
        var start = text.endIndex
        while start > text.startIndex {
            let previous = text.index(before: start)
            let next = used + DisplayWidth.of(text[previous])
            if next > cells { break }
            used = next
            start = previous
        }
        return Substring(text[start..<text.endIndex])
    }
}
