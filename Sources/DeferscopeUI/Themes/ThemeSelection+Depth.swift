extension ThemeSelection {
    /// The same selection with every theme fitted to a terminal of `depth` colours.
    public func downgraded(to depth: ColorDepth) -> ThemeSelection {
        ThemeSelection(
            slots: slots.map { slot in
                guard case .theme(let theme) = slot else { return slot }
                return .theme(theme.downgraded(to: depth))
            },
            position: position
        )
    }
}
