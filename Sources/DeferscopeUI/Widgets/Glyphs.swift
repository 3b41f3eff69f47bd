/// The characters widgets draw with: Unicode block and box characters, or plain ASCII for
/// terminals and fonts that lack them.
public struct Glyphs: Hashable, Sendable {
    /// Marks text cut short.
    public var ellipsis: Character
    /// After the title of a column sorted ascending.
    public var sortAscending: Character
    /// After the title of a column sorted descending.
    public var sortDescending: Character
    /// Sparkline levels, lowest first (8 of them).
    public var sparkline: [Character]
    /// A fully filled bar cell.
    public var barFull: Character
    /// Partly filled bar cells: 1/8 to 7/8 (ASCII has coarser steps).
    public var barPartial: [Character]
    /// An empty bar cell.
    public var barEmpty: Character
    /// Tree: a child with siblings after it.
    public var treeBranch: String
    /// Tree: the last child.
    public var treeLast: String
    /// Tree: an ancestor's line passing by.
    public var treeVertical: String
    /// Tree: no line.
    public var treeBlank: String
    /// Tree: a collapsed node.
    public var collapsed: Character
    /// Tree: an expanded node.
    public var expanded: Character
    /// Box corner, top left.
    public var boxTopLeft: Character
    /// Box corner, top right.
    public var boxTopRight: Character
    /// Box corner, bottom left.
    public var boxBottomLeft: Character
    /// Box corner, bottom right.
    public var boxBottomRight: Character
    /// Box horizontal line.
    public var horizontal: Character
    /// Box vertical line.
    public var vertical: Character
    /// Before a value that bounds a range from above (`≤12ms`).
    public var atMost: String
    /// Points at a row from its right (a histogram's percentile mark).
    public var pointer: Character

    /// Block elements, box drawing, arrows.
    public static let unicode = Glyphs(
        ellipsis: "…",
        sortAscending: "▲",
        sortDescending: "▼",
        sparkline: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        barFull: "█",
        barPartial: ["▏", "▎", "▍", "▌", "▋", "▊", "▉"],
        barEmpty: " ",
        treeBranch: "├─ ",
        treeLast: "└─ ",
        treeVertical: "│  ",
        treeBlank: "   ",
        collapsed: "▸",
        expanded: "▾",
        boxTopLeft: "┌",
        boxTopRight: "┐",
        boxBottomLeft: "└",
        boxBottomRight: "┘",
        horizontal: "─",
        vertical: "│",
        atMost: "≤",
        pointer: "◂"
    )

    /// Plain ASCII only.
    public static let ascii = Glyphs(
        ellipsis: "~",
        sortAscending: "^",
        sortDescending: "v",
        sparkline: ["_", ".", "-", "~", "=", "+", "*", "#"],
        barFull: "#",
        barPartial: ["-", "-", "-", "=", "=", "=", "="],
        barEmpty: "-",
        treeBranch: "|- ",
        treeLast: "`- ",
        treeVertical: "|  ",
        treeBlank: "   ",
        collapsed: "+",
        expanded: "-",
        boxTopLeft: "+",
        boxTopRight: "+",
        boxBottomLeft: "+",
        boxBottomRight: "+",
        horizontal: "-",
        vertical: "|",
        atMost: "<=",
        pointer: "<"
    )

}
