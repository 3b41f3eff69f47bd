/// One column of a `Table`: its title and how it takes space.
public struct TableColumn: Hashable, Sendable {
    /// The title shown in the header row.
    public var title: String
    /// The fewest cells the column takes (it is dropped rather than made narrower).
    public var minWidth: Int
    /// The most cells it takes; nil for no limit.
    public var maxWidth: Int?
    /// Its share of the space left over once every column has its `minWidth`; 0 keeps it at `minWidth`.
    public var flex: Int
    /// Where text sits in the column (numbers: `.right`).
    public var alignment: TextAlignment
    /// When the table is too narrow, columns with the lowest priority go first.
    public var priority: Int
    /// Where long text is cut (`.middle` suits paths).
    public var truncation: TruncationPosition

    /// A column titled `title`.
    public init(
        _ title: String,
        minWidth: Int,
        maxWidth: Int? = nil,
        flex: Int = 0,
        alignment: TextAlignment = .left,
        priority: Int = 0,
        truncation: TruncationPosition = .end
    ) {
        self.title = title
        self.minWidth = max(1, minWidth)
        self.maxWidth = maxWidth.map { max($0, max(1, minWidth)) }
        self.flex = max(0, flex)
        self.alignment = alignment
        self.priority = priority
        self.truncation = truncation
    }
}

/// Where one kept column sits in a table of a given width.
public struct TableColumnSlot: Hashable, Sendable {
    /// The column's index in `Table.columns`.
    public var column: Int
    /// Its first cell, from the table's left edge.
    public var x: Int
    /// Its width in cells.
    public var width: Int
}

/// One cell of a table row: text, and the role that styles it (nil: the row's style).
public struct TableCell: Hashable, Sendable {
    /// The text.
    public var text: String
    /// The theme style for it when the row is not selected.
    public var style: ThemeKey?

    /// A cell showing `text`, styled as `style`.
    public init(_ text: String, style: ThemeKey? = nil) {
        self.text = text
        self.style = style
    }
}

/// The column a table is sorted by, and the direction.
public struct TableSort: Hashable, Sendable {
    /// The index of the column in `Table.columns`.
    public var column: Int
    /// Smallest first when true.
    public var ascending: Bool

    /// Sorting by `column`.
    public init(column: Int, ascending: Bool) {
        self.column = column
        self.ascending = ascending
    }
}
