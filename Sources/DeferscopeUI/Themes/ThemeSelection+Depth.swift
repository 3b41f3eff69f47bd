extension ThemeSelection {
    /// The same selection with every theme fitted to a terminal of `depth` colours.
    public func downgraded(to depth: ColorDepth) -> ThemeSelection {
        ThemeSelection(themes: themes.map { $0.downgraded(to: depth) }, current: current.name)
    }
}
