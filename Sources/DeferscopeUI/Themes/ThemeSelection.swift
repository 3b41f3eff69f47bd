/// The theme in use and the ones the user can cycle through (`t`).
///
/// Loading a bad theme file changes nothing: the error says why, and the current theme stays.
/// A theme file of the user's that did not load still has its place in the cycle, so that the
/// first time `t` passes it the dashboard can say why it was skipped (once).
public struct ThemeSelection: Sendable {
    /// A place in the cycle: a theme, or a user's file that did not load.
    enum Slot: Sendable {
        case theme(Theme)
        case broken(ThemeError, reported: Bool)

        var theme: Theme? {
            if case .theme(let theme) = self { return theme }
            return nil
        }
    }

    /// The cycle, in order; `position` is always a `.theme` slot.
    var slots: [Slot]
    var position: Int

    /// A selection over `themes`, starting at the one called `name` (else the first).
    public init(themes: [Theme] = ThemeCatalog.bundled, current name: String = "default") {
        precondition(!themes.isEmpty, "a theme selection needs at least one theme")
        self.slots = themes.map(Slot.theme)
        self.position = themes.firstIndex { $0.name == name } ?? 0
    }

    init(slots: [Slot], position: Int) {
        self.slots = slots
        self.position = position
    }

    /// The themes in cycling order.
    public var themes: [Theme] { slots.compactMap(\.theme) }

    /// The index of the current theme in `themes`.
    public var index: Int { slots[..<position].count { $0.theme != nil } }

    /// The theme in use.
    public var current: Theme {
        guard case .theme(let theme) = slots[position] else { preconditionFailure("the current slot is a theme") }
        return theme
    }

    /// The theme files that did not load, in cycling order.
    public var brokenThemes: [ThemeError] {
        slots.compactMap {
            if case .broken(let error, _) = $0 { return error }
            return nil
        }
    }

    /// Moves to the next theme (after the last, the first), passing over files that did not
    /// load. Returns those passed over for the first time, so each is reported once.
    @discardableResult
    public mutating func cycle() -> [ThemeError] {
        var firstSeen: [ThemeError] = []
        var next = position
        repeat {
            next = (next + 1) % slots.count
            if case .broken(let error, reported: false) = slots[next] {
                firstSeen.append(error)
                slots[next] = .broken(error, reported: true)
            }
        } while slots[next].theme == nil
        position = next
        return firstSeen
    }

    /// Makes the theme called `name` current; false (and no change) when there is none.
    @discardableResult
    public mutating func select(named name: String) -> Bool {
        guard let found = slots.firstIndex(where: { $0.theme?.name == name }) else { return false }
        position = found
        return true
    }

    /// Loads the theme file at `path` and makes it current (replacing a theme of the same name).
    /// On error nothing changes.
    public mutating func load(path: String) throws(ThemeError) {
        position = add(try ThemeCatalog.load(path: path))
    }

    /// Adds the theme file at `path` to the cycle without making it current: it replaces a theme
    /// of the same name, else joins the end. A file that does not load joins the end as a
    /// broken place, reported the first time `cycle()` passes it.
    public mutating func include(path: String) {
        do {
            _ = add(try ThemeCatalog.load(path: path))
        } catch {
            slots.append(.broken(error, reported: false))
        }
    }

    /// Puts `theme` in the cycle (in the place of one of the same name); returns its slot.
    private mutating func add(_ theme: Theme) -> Int {
        if let existing = slots.firstIndex(where: { $0.theme?.name == theme.name }) {
            slots[existing] = .theme(theme)
            return existing
        }
        slots.append(.theme(theme))
        return slots.count - 1
    }
}
