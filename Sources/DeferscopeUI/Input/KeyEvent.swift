/// Something the terminal reported: a key, a mouse action, or a new size.
public enum KeyEvent: Hashable, Sendable {
    /// A key was pressed.
    case key(Key)
    /// The mouse was clicked or its wheel turned.
    case mouse(MouseEvent)
    /// The terminal is now `width` columns by `height` rows.
    case resize(width: Int, height: Int)
}

/// A mouse action at a cell.
public struct MouseEvent: Hashable, Sendable {
    /// What the mouse did.
    public enum Kind: Hashable, Sendable {
        /// A button was clicked (1 left, 2 middle, 3 right).
        case click(button: Int)
        /// A button was clicked twice in quick succession on the same spot (see `ClickTracker`).
        case doubleClick(button: Int)
        /// The wheel turned up (away from the user).
        case scrollUp
        /// The wheel turned down.
        case scrollDown
    }

    /// What the mouse did.
    public var kind: Kind
    /// The column.
    public var x: Int
    /// The row.
    public var y: Int

    /// A mouse action at (`x`, `y`).
    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
