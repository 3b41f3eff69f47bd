import DeferscopeWire

/// `dump`'s table: a header about the process, then one line per live Deferred.
enum DumpTable {
    static func write(_ snapshot: AgentSnapshot, _ descriptions: [ChainDescription]) {
        let hello = snapshot.hello
        let pending = descriptions.filter(\.isPending).count
        print(
            "\(hello.processName) (pid \(hello.pid)): \(Format.count(descriptions.count)) live Deferreds, "
                + "\(Format.count(pending)) pending"
        )
        guard !descriptions.isEmpty else { return }
        var table = TextTable(
            columns: ["ID", "STATE", "AGE", "LABEL", "CREATED AT", "NEXT STEP", "WAITS ON", "TIMEOUT"],
            rightAligned: [0, 2]
        )
        for description in descriptions {
            let chain = description.chain
            table.add([
                "#\(chain.id)",
                description.state,
                Format.duration(description.age),
                chain.label ?? "-",
                snapshot.site(chain.siteID) ?? "-",
                description.nextStep ?? (description.outcome.map { "(done: \($0))" } ?? "-"),
                description.waitsOn ?? "-",
                description.timeoutRemaining.map { $0 >= 0 ? "in " + Format.duration($0) : "overdue" } ?? "-",
            ])
        }
        print(table.render(), terminator: "")
    }
}
