/// A run of text in one style: a piece of a line that widgets and views write in one go.
public struct Span: Hashable, Sendable {
    /// The text.
    public var text: String
    /// How it is drawn.
    public var style: Style

    /// A span of `text` in `style`.
    public init(_ text: String, _ style: Style = Style()) {
        self.text = text
        self.style = style
    }

    /// The cells the span takes.
    public var displayWidth: Int { DisplayWidth.of(text) }
}

extension Array where Element == Span {
    /// The cells the spans take together.
    public var displayWidth: Int { reduce(0) { $0 + $1.displayWidth } }
}
