/// A key on the keyboard, independent of how a terminal library encodes it.
public enum Key: Hashable, Sendable {
    /// A printable character (`q`, `?`, `G`, `é`, `漢`); Space is `.character(" ")`.
    case character(Character)
    /// Control plus a letter, as the lowercase letter (`.control("d")` is Ctrl-D).
    case control(Character)
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Page Up.
    case pageUp
    /// Page Down.
    case pageDown
    /// Home.
    case home
    /// End.
    case end
    /// Enter or Return.
    case enter
    /// Escape.
    case escape
    /// Tab.
    case tab
    /// Shift-Tab.
    case backTab
    /// Backspace.
    case backspace
    /// Delete (forward).
    case delete
    /// Insert.
    case insert
    /// A function key, F1 to F12.
    case function(Int)
}

extension Key: CustomStringConvertible {
    /// The key as help and hints show it: `q`, `Space`, `Ctrl-D`, `↑`, `PgDn`, `F10`.
    public var description: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .control(let letter): return "Ctrl-" + String(letter).uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .function(let number): return "F\(number)"
        }
    }
}
