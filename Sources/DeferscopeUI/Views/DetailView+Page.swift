import DeferscopeModel

extension DetailView {
    /// One line of the page.
    typealias Line = [Span]

    /// The whole page, `width` cells wide, section by section.
    func page(width: Int, context: ViewContext) -> [Line] {
        let theme = context.theme
        guard let known = lastKnown else {
            return [
                [
                    Span(
                        "\(context.model.displayID(id)) is not in the picture: released and evicted, or never seen.",
                        theme[.warning]
                    )
                ]
            ]
        }
        let chain = known.chain
        let gone = context.model.deferred(id) == nil
        var lines: [Line] = [header(chain, context: context)]
        if gone {
            lines.append([
                Span("Gone: released and no longer kept by the model. What it last knew:", theme[.warning])
            ])
        } else if chain.isReleased {
            let ago = context.now > chain.releasedAt ? context.now - chain.releasedAt : 0
            lines.append([
                Span(
                    "Released by the app \(ViewFormat.duration(nanoseconds: ago)) ago; kept for a while.",
                    theme[.textDim]
                )
            ])
        }
        lines += section("WHY IS IT STUCK", why(chain, gone: gone, context: context), context: context)
        lines += section("STEPS (\(chain.stepCount))", steps(chain, width: width, context: context), context: context)
        if chain.hasTimeout || chain.timedOut {
            lines += section(
                "TIMEOUT",
                timeout(chain, timeline: known.timeline, width: width, context: context),
                context: context
            )
        }
        let waitsOn = gone ? [] : context.model.waitsOn(id)
        lines += section(
            "WAITS ON (\(waitsOn.count))",
            related(waitsOn, none: "nothing", context: context),
            context: context
        )
        let waiters = gone ? [] : context.model.waiters(of: id)
        lines += section(
            "WAITED ON BY (\(waiters.count))",
            related(waiters, none: "nobody", context: context),
            context: context
        )
        lines += section("WARNINGS", warnings(chain, context: context), context: context)
        lines += section(
            "TIMELINE (newest first)",
            timeline(known.timeline, context: context),
            context: context
        )
        return lines
    }

    // MARK: - Sections

    private func section(_ title: String, _ body: [Line], context: ViewContext) -> [Line] {
        [[], [Span(title, context.theme[.title])]] + body.map { [Span("  ", context.theme[.text])] + $0 }
    }

    /// `#12 'fetch user'  waiting  age 4.2s  created at App/Network.swift:10`.
    private func header(_ chain: TrackedDeferred, context: ViewContext) -> Line {
        let theme = context.theme
        let age = chain.age(at: context.now)
        let state = context.state(of: chain)
        var line: Line = []
        if let process = context.model.process(of: chain.id) {
            line.append(Span(process.title + "  ", theme[.textDim]))
        }
        return line + [
            Span(ChainsView.label(chain, context.model), theme[.text].adding(.bold)),
            Span("  ", theme[.text]),
            Span(chain.isReleased ? "released" : state.text, theme[state.style]),
            Span("  age ", theme[.textDim]),
            Span(ViewFormat.duration(nanoseconds: age), theme[context.ageStyle(age)]),
            Span("  created at ", theme[.textDim]),
            Span(context.model.siteName(chain.siteID), theme[.text]),
        ]
    }

    /// Each hop down to the blocker, or the result it has.
    private func why(_ chain: TrackedDeferred, gone: Bool, context: ViewContext) -> [Line] {
        let theme = context.theme
        guard !gone else { return [[Span("unknown: it is gone", theme[.textDim])]] }
        guard let path = context.model.stuckPath(of: id) else {
            let result = chain.isFailure ? "a failure" : "a value"
            let type = context.model.typeName(chain.outcomeTypeID).map { " (\($0))" } ?? ""
            let style = theme[chain.isFailure ? .stateFailed : .stateSucceeded]
            return [[Span("Not stuck: it has a result, \(result)\(type).", style)]]
        }
        var lines: [Line] = path.hops.map { hop in
            let how = hop.reason == .returnedByStep ? "waits on →" : "is fed by →"
            let others = hop.alsoWaitingOn
            let more = others > 0 ? " (and \(others) more input\(others == 1 ? "" : "s") not fired)" : ""
            return [Span(context.name(hop.id) + " ", theme[.text]), Span(how + more, theme[.textDim])]
        }
        lines.append(blocker(path.blocker, context: context))
        return lines
    }

    private func blocker(_ blocker: Blocker, context: ViewContext) -> Line {
        let theme = context.theme
        switch blocker {
        case .notFired(let leaf, let siteID, let createdAt):
            let age = context.now > createdAt ? context.now - createdAt : 0
            return [
                Span("\(context.name(leaf)) has not been fired", theme[.blockedOn]),
                Span(
                    ": created at \(context.model.siteName(siteID)), \(ViewFormat.duration(nanoseconds: age)) ago",
                    theme[.blockedOn]
                ),
            ]
        case .paused(let paused, let stepIndex):
            return [Span("\(context.name(paused)) is paused before step \(stepIndex)", theme[.blockedOn])]
        case .running(let running):
            return [Span("\(context.name(running)) has a result and is running its steps", theme[.stateRunning])]
        case .cycle(let members):
            let loop = (members + members.prefix(1)).map(context.model.displayID).joined(separator: " → ")
            return [Span("DEADLOCK: \(loop)", theme[.deadlock])]
        case .unknown(let unknown):
            return [
                Span(
                    "\(context.model.displayID(unknown)), which is not in the picture (released, or missed)",
                    theme[.warning]
                )
            ]
        case .tooDeep(let deep):
            return [
                Span("\(context.name(deep)) \(context.glyphs.ellipsis) (deeper than the walk goes)", theme[.textDim])
            ]
        }
    }

    /// Deferreds related to this one, one a line: name, state, age.
    private func related(_ ids: [UInt64], none: String, context: ViewContext) -> [Line] {
        let theme = context.theme
        guard !ids.isEmpty else { return [[Span(none, theme[.textDim])]] }
        var lines: [Line] = ids.prefix(Limits.related).map { other in
            guard let chain = context.model.deferred(other) else {
                return [Span("\(context.model.displayID(other)) (not in the picture)", theme[.textDim])]
            }
            let age = chain.age(at: context.now)
            let state = context.state(of: chain)
            return [
                Span(ChainsView.label(chain, context.model) + "  ", theme[.text]),
                Span(state.text, theme[state.style]),
                Span("  " + ViewFormat.duration(nanoseconds: age), theme[context.ageStyle(age)]),
            ]
        }
        if ids.count > Limits.related {
            lines.append([Span("\(context.glyphs.ellipsis) \(ids.count - Limits.related) more", theme[.textDim])])
        }
        return lines
    }

    /// Its warnings: the model's messages about it, else the kinds.
    private func warnings(_ chain: TrackedDeferred, context: ViewContext) -> [Line] {
        let theme = context.theme
        guard !chain.warnings.isEmpty else { return [[Span("none", theme[.textDim])]] }
        let messages = context.model.warnings(limit: Limits.warningsScanned).filter { $0.deferredID == id }
        var lines: [Line] = []
        for kind in WarningKind.allCases where chain.warnings.contains(kind.asSet) {
            let style = theme[kind == .deadlock ? .deadlock : .warning]
            // The model's message names the kind itself ("deadlock: #1 → #2 → #1").
            let said = messages.first { $0.kind == kind }?.message ?? kind.description
            lines.append([Span(said, style)])
        }
        return lines
    }
}
