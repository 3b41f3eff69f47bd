import DeferscopeModel
import DeferscopeModelScript
import DeferscopeUI
import Testing

/// `+`/`-` pace the redraws; `n`/`N` walk the filter's matches; → ← fold the Chains tree.
@Suite("Refresh and match keys")
struct RefreshAndMatchKeyTests {
    let model = Fixture.model()

    func press(_ keys: [Key], _ dashboard: inout Dashboard) {
        for key in keys {
            _ = dashboard.handle(.key(key), model: model)
        }
    }

    @Test("+ and - step the refresh interval through its paces and stop at either end")
    func refreshRate() {
        var dashboard = Dashboard.standard()
        #expect(dashboard.refreshInterval == 0.1)
        press([.character("-")], &dashboard)
        #expect(dashboard.refreshInterval == 0.25)
        #expect(dashboard.message == "refresh every 250ms")
        press(Array(repeating: .character("-"), count: 10), &dashboard)
        #expect(dashboard.refreshInterval == 5)
        press(Array(repeating: .character("+"), count: 10), &dashboard)
        #expect(dashboard.refreshInterval == 0.05)
        #expect(dashboard.message == "refresh every 50ms")
    }

    @Test("in a replay + and - set the speed, not the refresh rate")
    func replayKeepsSpeedKeys() {
        var dashboard = Dashboard.standard(keyContext: .replay)
        #expect(dashboard.handle(.key(.character("+")), model: model) == [.replaySpeed(2)])
        #expect(dashboard.refreshInterval == 0.1)
    }

    @Test("n and N without a filter say how to get one; with one they walk the matching rows")
    func nextAndPreviousMatch() throws {
        var dashboard = Dashboard.standard()
        press([.character("n")], &dashboard)
        #expect(dashboard.message?.contains("type / first") == true)
        try dashboard.setFilter("label:fetch")
        _ = dashboard.render(model: model, width: 100, height: 12)
        let first = dashboard.views[.pending]?.selectedID
        press([.character("n")], &dashboard)
        _ = dashboard.render(model: model, width: 100, height: 12)
        let second = dashboard.views[.pending]?.selectedID
        #expect(first != nil && second != nil && first != second)
        #expect(Set([first, second]) == Set<UInt64?>([1, 2]))
        press([.character("N")], &dashboard)
        _ = dashboard.render(model: model, width: 100, height: 12)
        #expect(dashboard.views[.pending]?.selectedID == first)
    }

    @Test("→ and ← fold and unfold in the Chains tree, and sort columns elsewhere")
    func arrowsInTheTree() {
        var tree = Script.start()
        var script = Script()
        script.created(10, label: "checkout", site: 1)
        script.created(11, label: "charge card", site: 2)
        script.stepAdded(10, index: 0)
        script.waits(10, index: 0, on: 11)
        tree.run(&script)
        tree.advance(to: 120 * Script.second)
        var dashboard = Dashboard.standard()
        _ = dashboard.handle(.key(.character("2")), model: tree)
        let unfolded = dashboard.render(model: tree, width: 100, height: 12).plainText()
        #expect(unfolded.contains("charge card"))
        _ = dashboard.handle(.key(.left), model: tree)
        let folded = dashboard.render(model: tree, width: 100, height: 12).plainText()
        #expect(!folded.contains("charge card") && folded.contains("checkout"))
        _ = dashboard.handle(.key(.right), model: tree)
        #expect(dashboard.render(model: tree, width: 100, height: 12).plainText() == unfolded)

        var list = Dashboard.standard()
        #expect(list.render(model: model, width: 100, height: 12).line(2).contains("AGE▼"))
        press([.right], &list)
        let sorted = list.render(model: model, width: 100, height: 12).line(2)
        #expect(!sorted.contains("AGE▼") && !sorted.contains("AGE▲"))
        #expect(sorted.contains("STATE▲") || sorted.contains("STATE▼"), "\(sorted)")
        press([.left], &list)
        // Back on AGE, the natural order again: the oldest first.
        #expect(list.render(model: model, width: 100, height: 12).line(2).contains("AGE▼"))
    }

    @Test("in the Chains tree n and N walk the matching nodes at any depth, skipping the rest, round the end")
    func matchesInTheTree() throws {
        let tree = Fixtures.checkoutWaitingOnACharge()
        var dashboard = Dashboard.standard()
        _ = dashboard.handle(.key(.character("2")), model: tree)
        try dashboard.setFilter("label:c")
        var selections: [UInt64?] = []
        for key in [Key.character("n"), .character("n"), .character("n"), .character("N")] {
            _ = dashboard.render(model: tree, width: 100, height: 12)
            _ = dashboard.handle(.key(key), model: tree)
            selections.append(dashboard.views[.chains]?.selectedID)
        }
        // From the root (selected first): the card two levels down, round to the root, the card,
        // and back to the root; `bank wire` does not match and is passed over.
        #expect(selections == [12, 10, 12, 10])
    }
}
