/// How a cell is drawn: foreground and background colour and text attributes.
public struct Style: Hashable, Sendable {
    /// The colour of the character.
    public var foreground: Color
    /// The colour behind it.
    public var background: Color
    /// Bold, dim, italic, underline, reverse.
    public var attributes: TextAttributes

    /// A style; by default the terminal's own colours and no attributes.
    public init(foreground: Color = .default, background: Color = .default, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The style with `attributes` added.
    public func adding(_ attributes: TextAttributes) -> Style {
        var copy = self
        copy.attributes.formUnion(attributes)
        return copy
    }

    /// The style fitted to a terminal of `depth`.
    ///
    /// Without colour the attributes stay, and a style that relied on a background colour to
    /// stand out (a selected row, a header bar) is drawn reversed instead, so it stays visible.
    public func downgraded(to depth: ColorDepth) -> Style {
        var result = Style(
            foreground: foreground.downgraded(to: depth),
            background: background.downgraded(to: depth),
            attributes: attributes
        )
        if depth == .none && background != .default {
            result.attributes.insert(.reverse)
        }
        return result
    }
}

/// Text attributes a terminal can combine.
public struct TextAttributes: OptionSet, Hashable, Sendable, CaseIterable {
    /// The bits.
    public let rawValue: UInt8

    /// Attributes from their bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Bold (often also brighter).
    public static let bold = TextAttributes(rawValue: 1 << 0)
    /// Dim (faint).
    public static let dim = TextAttributes(rawValue: 1 << 1)
    /// Italic.
    public static let italic = TextAttributes(rawValue: 1 << 2)
    /// Underlined.
    public static let underline = TextAttributes(rawValue: 1 << 3)
    /// Foreground and background swapped.
    public static let reverse = TextAttributes(rawValue: 1 << 4)

    /// Every attribute, in the order theme files name them.
    public static let allCases: [TextAttributes] = [.bold, .dim, .italic, .underline, .reverse]

    /// The word a theme file uses for a single attribute.
    public var name: String {
        switch self {
        case .bold: return "bold"
        case .dim: return "dim"
        case .italic: return "italic"
        case .underline: return "underline"
        case .reverse: return "reverse"
        default: return TextAttributes.allCases.filter { contains($0) }.map(\.name).joined(separator: " ")
        }
    }
}
