import DeferscopeWire

/// The verdict of `deferscope check`, as text for people and JSON for scripts.
struct HealthReport {
    let check: HealthCheck
    let snapshot: AgentSnapshot
    let maxPendingAge: Double?
    let failOnUnhandled: Bool

    /// Pending Deferreds older than the limit (0 without one).
    var tooOldCount: Int {
        guard let maxPendingAge else { return 0 }
        let limit = UInt64(maxPendingAge * 1e9)
        return snapshot.agentNow > limit ? check.pendingCreated(before: snapshot.agentNow - limit) : 0
    }

    /// The oldest of those, oldest first.
    var tooOld: [ChainDescription] {
        guard let maxPendingAge else { return [] }
        return check.oldestPending.map { ChainDescription(chain: $0, snapshot: snapshot) }.filter {
            $0.age > maxPendingAge
        }
    }

    var deadlocks: [[(id: UInt64, label: String?)]] { check.deadlocks() }

    var healthy: Bool {
        deadlocks.isEmpty && tooOldCount == 0 && !(failOnUnhandled && check.unhandledCount > 0)
    }

    // MARK: - Text

    func printText() {
        let hello = snapshot.hello
        let summary = check.summary
        print(
            "\(hello.processName) (pid \(hello.pid)): \(Format.count(summary.total)) live Deferreds, "
                + "\(Format.count(summary.pending)) pending (\(Format.count(summary.waiting)) waiting, "
                + "\(Format.count(summary.paused)) paused), \(Format.count(summary.timeoutsArmed)) timeouts armed"
        )
        if let oldest = check.oldestPending.first {
            let description = ChainDescription(chain: oldest, snapshot: snapshot)
            print("  oldest pending: \(description.name), \(Format.duration(description.age))\(site(oldest))")
        }
        let cycles = deadlocks
        for cycle in cycles {
            let members = cycle.map { member in "#\(member.id)" + (member.label.map { " '\($0)'" } ?? "") }
            print("DEADLOCK: " + members.joined(separator: " waits on ") + " waits on #\(cycle[0].id)")
        }
        if let maxPendingAge, tooOldCount > 0 {
            print(
                "PENDING TOO LONG: \(Format.count(tooOldCount)) pending longer than \(Format.duration(maxPendingAge))"
            )
            for description in tooOld {
                print("  \(description.name), \(Format.duration(description.age))\(site(description.chain))")
            }
            if tooOldCount > tooOld.count {
                print("  … and \(Format.count(tooOldCount - tooOld.count)) more")
            }
        }
        if check.unhandledCount > 0 {
            let heading = failOnUnhandled ? "UNHANDLED FAILURE" : "unhandled failure (not checked: --fail-on-unhandled)"
            print("\(heading): \(Format.count(check.unhandledCount)) Deferred(s) hold a failure nothing will handle")
            for chain in check.unhandled {
                let description = ChainDescription(chain: chain, snapshot: snapshot)
                print("  \(description.name): \(failure(chain))\(site(chain))")
            }
        }
        print(healthy ? "healthy" : "unhealthy")
    }

    private func site(_ chain: ChainRecord) -> String {
        snapshot.site(chain.siteID).map { ", created at \($0)" } ?? ""
    }

    private func failure(_ chain: ChainRecord) -> String {
        guard let outcome = chain.outcome else { return "failure" }
        let type = snapshot.typeName(outcome.typeID) ?? "an error"
        return outcome.valueDescription.map { "\(type): \($0)" } ?? type
    }

    // MARK: - JSON

    func json() -> String {
        var json = JSONWriter()
        write(into: &json)
        return json.flush()
    }

    /// This report as one `deferscope.check/1` object (a whole document, or an array element).
    func write(into json: inout JSONWriter) {
        json.beginObject()
        json.string("schema", "deferscope.check/1")
        json.bool("healthy", healthy)
        json.beginObject("process")
        json.number("pid", Int(snapshot.hello.pid))
        json.string("name", snapshot.hello.processName)
        json.endObject()
        json.number("live", check.summary.total)
        json.number("pending", check.summary.pending)
        json.beginArray("deadlocks")
        for cycle in deadlocks {
            json.beginArray()
            for member in cycle {
                json.beginObject()
                json.number("id", member.id)
                json.string("label", member.label)
                json.endObject()
            }
            json.endArray()
        }
        json.endArray()
        json.beginObject("pendingTooLong")
        if let maxPendingAge { json.number("limitSeconds", maxPendingAge) } else { json.null("limitSeconds") }
        json.number("count", tooOldCount)
        json.beginArray("oldest")
        for description in tooOld {
            chain(description, into: &json)
        }
        json.endArray()
        json.endObject()
        json.beginObject("unhandled")
        json.bool("checked", failOnUnhandled)
        json.number("count", check.unhandledCount)
        json.beginArray("chains")
        for record in check.unhandled {
            chain(ChainDescription(chain: record, snapshot: snapshot), into: &json)
        }
        json.endArray()
        json.endObject()
        json.endObject()
    }

    private func chain(_ description: ChainDescription, into json: inout JSONWriter) {
        json.beginObject()
        json.number("id", description.chain.id)
        json.string("label", description.chain.label)
        json.number("ageSeconds", description.age)
        json.string("createdAt", snapshot.site(description.chain.siteID))
        if description.chain.phase == .failed { json.string("failure", failure(description.chain)) }
        json.endObject()
    }
}
