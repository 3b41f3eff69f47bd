/// Where keys are read: the live dashboard or a replay (where some keys drive playback).
public enum KeyContext: Hashable, Sendable {
    /// Attached to a running process.
    case live
    /// Playing a recording.
    case replay
}

/// One key bound to one action, in every context or in one.
public struct KeyBinding: Hashable, Sendable {
    /// The key.
    public var key: Key
    /// What it does.
    public var action: Action
    /// The only context it applies in; nil: every context (a binding for the current context wins).
    public var context: KeyContext?

    /// A binding of `key` to `action`.
    public init(_ key: Key, _ action: Action, only context: KeyContext? = nil) {
        self.key = key
        self.action = action
        self.context = context
    }
}

/// Which key does what: the single source for input handling, footer hints and the help screen.
public struct KeyMap: Hashable, Sendable {
    /// The bindings, in the order help lists them.
    public var bindings: [KeyBinding]

    /// A key map of `bindings`.
    public init(bindings: [KeyBinding]) {
        self.bindings = bindings
    }

    /// The action `event` asks for in `context`, if any. The mouse does what `MouseGesture`
    /// says (wheel scrolls, a left click selects, a left double-click opens); a resize is not
    /// an action.
    public func action(for event: KeyEvent, in context: KeyContext = .live) -> Action? {
        switch event {
        case .key(let key):
            return binding(for: key, in: context)?.action
        case .mouse(let mouse):
            return MouseGesture(mouse)?.action(x: mouse.x, y: mouse.y)
        case .resize:
            return nil
        }
    }

    /// The keys that do `action` in `context`, in binding order.
    public func keys(for action: Action, in context: KeyContext = .live) -> [Key] {
        bindings.filter { $0.action == action && binding(for: $0.key, in: context) == $0 }.map(\.key)
    }

    /// A footer hint for `action` showing its first key, or nil when no key does it.
    public func hint(for action: Action, label: String, priority: Int = 0, in context: KeyContext = .live) -> KeyHint? {
        keys(for: action, in: context).first.map { KeyHint(key: $0.description, label: label, priority: priority) }
    }

    /// The binding `key` uses in `context`: one made for the context wins over one for all.
    func binding(for key: Key, in context: KeyContext) -> KeyBinding? {
        bindings.first { $0.key == key && $0.context == context }
            ?? bindings.first { $0.key == key && $0.context == nil }
    }
}

extension KeyMap {
    /// The dashboard's keys: vim keys, less's Ctrl-B/Ctrl-F, htop's F-keys and `<` `>` `+` `-`,
    /// tokio-console's habits.
    public static let standard = KeyMap(bindings: [
        // Dashboard
        KeyBinding(.character("q"), .quit),
        KeyBinding(.function(10), .quit),
        KeyBinding(.control("c"), .quit),
        KeyBinding(.character("?"), .help),
        KeyBinding(.function(1), .help),
        KeyBinding(.tab, .nextView),
        KeyBinding(.backTab, .previousView),
        KeyBinding(.character("1"), .showView(1)),
        KeyBinding(.character("2"), .showView(2)),
        KeyBinding(.character("3"), .showView(3)),
        KeyBinding(.character("4"), .showView(4)),
        KeyBinding(.character("5"), .showView(5)),
        KeyBinding(.character("6"), .showView(6)),
        KeyBinding(.function(5), .treeView),
        KeyBinding(.character(" "), .pause, only: .live),
        KeyBinding(.character("t"), .cycleTheme),
        KeyBinding(.character("f"), .toggleFollow),
        KeyBinding(.control("l"), .redraw),
        // Move
        KeyBinding(.up, .moveUp),
        KeyBinding(.character("k"), .moveUp),
        KeyBinding(.down, .moveDown),
        KeyBinding(.character("j"), .moveDown),
        KeyBinding(.pageUp, .pageUp),
        KeyBinding(.control("b"), .pageUp),
        KeyBinding(.pageDown, .pageDown),
        KeyBinding(.control("f"), .pageDown),
        KeyBinding(.control("u"), .halfPageUp),
        KeyBinding(.control("d"), .halfPageDown),
        KeyBinding(.character("g"), .top),
        KeyBinding(.home, .top),
        KeyBinding(.character("G"), .bottom),
        KeyBinding(.end, .bottom),
        KeyBinding(.enter, .select),
        KeyBinding(.escape, .back),
        KeyBinding(.backspace, .back),
        // Table
        KeyBinding(.character("s"), .sortNextColumn),
        KeyBinding(.function(6), .sortNextColumn),
        KeyBinding(.character(">"), .sortNextColumn),
        KeyBinding(.right, .sortNextColumn),
        KeyBinding(.character("<"), .sortPreviousColumn),
        KeyBinding(.left, .sortPreviousColumn),
        KeyBinding(.character("r"), .sortReverse),
        KeyBinding(.character("I"), .sortReverse),
        KeyBinding(.character("/"), .filter),
        KeyBinding(.function(3), .filter),
        KeyBinding(.character("n"), .nextMatch),
        KeyBinding(.character("N"), .previousMatch),
        KeyBinding(.character("x"), .clearFilter),
        KeyBinding(.character("c"), .cancelSelected),
        KeyBinding(.function(9), .cancelSelected),
        KeyBinding(.character("o"), .toggleCollapse),
        // The refresh rate; in a replay + and - set the speed instead. The Chains tree folds
        // with o, and with → and ← (it has no columns to sort).
        KeyBinding(.character("+"), .refreshFaster, only: .live),
        KeyBinding(.character("="), .refreshFaster, only: .live),
        KeyBinding(.character("-"), .refreshSlower, only: .live),
        // Replay
        KeyBinding(.character(" "), .replayPlayPause, only: .replay),
        KeyBinding(.character("+"), .replayFaster, only: .replay),
        KeyBinding(.character("="), .replayFaster, only: .replay),
        KeyBinding(.character("-"), .replaySlower, only: .replay),
        KeyBinding(.character("["), .replayStepBack, only: .replay),
        KeyBinding(.character("]"), .replayStepForward, only: .replay),
        KeyBinding(.character(","), .replaySeekBack, only: .replay),
        KeyBinding(.character("."), .replaySeekForward, only: .replay),
        KeyBinding(.home, .replayStart, only: .replay),
        KeyBinding(.end, .replayEnd, only: .replay),
    ])
}
