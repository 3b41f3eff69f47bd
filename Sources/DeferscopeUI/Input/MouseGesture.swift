/// What the dashboard does with the mouse: the wheel scrolls, a left click selects, a left
/// double-click opens. The single source for `KeyMap.action(for:)` and the help screen.
public enum MouseGesture: CaseIterable, Hashable, Sendable {
    /// The wheel turned up.
    case wheelUp
    /// The wheel turned down.
    case wheelDown
    /// The left button clicked once.
    case click
    /// The left button clicked twice on the same spot.
    case doubleClick

    /// The gesture `event` is, or nil for the buttons the dashboard leaves alone (middle, right).
    public init?(_ event: MouseEvent) {
        switch event.kind {
        case .scrollUp: self = .wheelUp
        case .scrollDown: self = .wheelDown
        case .click(button: 1): self = .click
        case .doubleClick(button: 1): self = .doubleClick
        case .click, .doubleClick: return nil
        }
    }

    /// The action the gesture asks for at column `x`, row `y`.
    public func action(x: Int, y: Int) -> Action {
        switch self {
        case .wheelUp: return .scrollUp
        case .wheelDown: return .scrollDown
        case .click: return .click(x: x, y: y)
        case .doubleClick: return .open(x: x, y: y)
        }
    }
}

extension MouseGesture: CustomStringConvertible {
    /// The gesture as help shows it: `wheel ↑`, `click`, `double-click`.
    public var description: String {
        switch self {
        case .wheelUp: return "wheel ↑"
        case .wheelDown: return "wheel ↓"
        case .click: return "click"
        case .doubleClick: return "double-click"
        }
    }
}
