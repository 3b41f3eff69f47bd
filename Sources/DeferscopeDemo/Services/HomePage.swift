import DeferredKit

/// The home page: fans out to three services with `gatherResults` and fetches the avatar from two
/// CDN mirrors with `race` (the first to answer wins; the other is cancelled).
struct HomePage: Sendable {
    let http: HTTPClient
    let counters: DemoCounters

    /// Renders the home page of `user`.
    @discardableResult
    func render(user: Int) -> Deferred<Int> {
        counters.update { $0.started += 1 }
        let sections = gatherResults(
            [
                http.get("/api/users/\(user)/profile"),
                http.get("/api/users/\(user)/orders?limit=5"),
                http.get("/api/recommendations?user=\(user)"),
            ],
            consumeErrors: true,
            label: "home sections"
        )
        let avatar = race(
            [http.get("/cdn-eu/avatars/\(user).png"), http.get("/cdn-us/avatars/\(user).png")],
            label: "avatar from nearest mirror"
        )
        return
            sections
            .addCallback(label: "wait for avatar") { sections in
                avatar.addCallback { winner in sections.count + winner.index }
            }
            .addCallback(label: "render template") { parts in parts * 1_024 }
            .addErrback(label: "render degraded page") { _ in 0 }
            .addCallback(label: "count render") { bytes in
                counters.update { counters in
                    if bytes > 0 { counters.succeeded += 1 } else { counters.failed += 1 }
                }
                return bytes
            }
    }
}
