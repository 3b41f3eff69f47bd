extension Dashboard {
    /// The dashboard with every standard view.
    public static func standard(
        themes: ThemeSelection = ThemeSelection(),
        glyphs: Glyphs = .unicode,
        keyContext: KeyContext = .live
    ) -> Dashboard {
        Dashboard(
            views: [
                .pending: ChainListView.pending(),
                .chains: ChainsView(),
                .timeouts: ChainListView.timeouts(),
                .errors: ChainListView.errors(),
                .sites: SitesView(),
                .events: EventsView(),
            ],
            detail: { DetailView(id: $0) },
            themes: themes,
            glyphs: glyphs,
            keyContext: keyContext
        )
    }
}
