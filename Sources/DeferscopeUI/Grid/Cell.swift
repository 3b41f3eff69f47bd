/// One cell of a `CellGrid`: a character (a whole grapheme) and its style.
///
/// A wide character takes its cell and the one to its right, which is a continuation cell.
public struct Cell: Hashable, Sendable {
    /// The character shown; a space in a blank or continuation cell.
    public var character: Character
    /// How the character is drawn.
    public var style: Style
    /// Whether this cell is the right half of the wide character to its left.
    public var isContinuation: Bool

    /// A cell showing `character` in `style`.
    public init(_ character: Character, style: Style = Style(), isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }

    /// A space in `style`.
    public static func blank(_ style: Style = Style()) -> Cell {
        Cell(" ", style: style)
    }

    /// The right half of a wide character drawn in `style`.
    static func continuation(_ style: Style) -> Cell {
        Cell(" ", style: style, isContinuation: true)
    }
}
