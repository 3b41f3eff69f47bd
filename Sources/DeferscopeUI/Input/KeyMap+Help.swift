/// One line of the help screen: the keys and what they do.
public struct HelpEntry: Hashable, Sendable {
    /// The keys, as shown (`k ↑`).
    public var keys: String
    /// What they do.
    public var summary: String

    /// A line showing `keys` and `summary`.
    public init(keys: String, summary: String) {
        self.keys = keys
        self.summary = summary
    }
}

/// A titled group of help lines.
public struct HelpSection: Hashable, Sendable {
    /// The section's title (`Move`, `Table`…).
    public var title: String
    /// Its lines, in binding order.
    public var entries: [HelpEntry]
}

extension KeyMap {
    /// The help screen's content for `context`, generated from the bindings: one line per action,
    /// its keys together; the view keys 1–6 on one line; then, with `mouse`, a section for the
    /// mouse gestures.
    public func helpSections(in context: KeyContext = .live, mouse: Bool = true) -> [HelpSection] {
        var sections: [HelpSection] = []
        var seen: Set<Action> = []
        for binding in bindings where !seen.contains(binding.action) {
            let action = binding.action
            let keys = keys(for: action, in: context)
            guard !keys.isEmpty else { continue }
            seen.insert(action)
            var entry = HelpEntry(keys: keys.map(\.description).joined(separator: " "), summary: action.summary)
            if case .showView(let number) = action {
                if number != 1 { continue }
                let views = bindings.compactMap { binding -> Int? in
                    if case .showView(let view) = binding.action { return view }
                    return nil
                }
                entry = HelpEntry(keys: "1-\(views.max() ?? 1)", summary: "Show view 1 to \(views.max() ?? 1)")
            }
            if let index = sections.firstIndex(where: { $0.title == action.section }) {
                sections[index].entries.append(entry)
            } else {
                sections.append(HelpSection(title: action.section, entries: [entry]))
            }
        }
        if mouse {
            let entries = MouseGesture.allCases.map {
                HelpEntry(keys: $0.description, summary: $0.action(x: 0, y: 0).summary)
            }
            sections.append(HelpSection(title: "Mouse", entries: entries))
        }
        return sections
    }

    /// The help screen as lines for a `ModalBox`: section titles, then aligned keys and summaries.
    public func helpLines(in context: KeyContext = .live, mouse: Bool = true, theme: Theme) -> [[Span]] {
        let sections = helpSections(in: context, mouse: mouse)
        let keyWidth = sections.flatMap(\.entries).map(\.keys.displayWidth).max() ?? 0
        var lines: [[Span]] = []
        for (index, section) in sections.enumerated() {
            if index > 0 { lines.append([]) }
            lines.append([Span(section.title, theme[.helpSection])])
            for entry in section.entries {
                lines.append([
                    Span("  " + entry.keys.padded(toWidth: keyWidth) + "  ", theme[.helpKey]),
                    Span(entry.summary, theme[.helpText]),
                ])
            }
        }
        return lines
    }
}
