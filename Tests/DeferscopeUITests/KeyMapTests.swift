import DeferscopeUI
import Testing

@Suite("KeyMap")
struct KeyMapTests {
    let keys = KeyMap.standard

    @Test("vim keys, arrows and htop F-keys map to the same actions")
    func aliases() {
        #expect(keys.action(for: .key(.character("j"))) == .moveDown)
        #expect(keys.action(for: .key(.down)) == .moveDown)
        #expect(keys.action(for: .key(.character("k"))) == .moveUp)
        #expect(keys.action(for: .key(.character("g"))) == .top)
        #expect(keys.action(for: .key(.character("G"))) == .bottom)
        #expect(keys.action(for: .key(.control("d"))) == .halfPageDown)
        #expect(keys.action(for: .key(.control("u"))) == .halfPageUp)
        #expect(keys.action(for: .key(.function(1))) == .help)
        #expect(keys.action(for: .key(.function(3))) == .filter)
        #expect(keys.action(for: .key(.character("/"))) == .filter)
        #expect(keys.action(for: .key(.function(5))) == .treeView)
        #expect(keys.action(for: .key(.function(6))) == .sortNextColumn)
        #expect(keys.action(for: .key(.function(9))) == .cancelSelected)
        #expect(keys.action(for: .key(.function(10))) == .quit)
        #expect(keys.action(for: .key(.character("q"))) == .quit)
        #expect(keys.action(for: .key(.character("4"))) == .showView(4))
        #expect(keys.action(for: .key(.backTab)) == .previousView)
        #expect(keys.action(for: .key(.character("Z"))) == nil)
    }

    @Test("in a replay, Space, Home, End and + - [ ] , . drive playback")
    func replayContext() {
        #expect(keys.action(for: .key(.character(" ")), in: .live) == .pause)
        #expect(keys.action(for: .key(.character(" ")), in: .replay) == .replayPlayPause)
        #expect(keys.action(for: .key(.home), in: .live) == .top)
        #expect(keys.action(for: .key(.home), in: .replay) == .replayStart)
        #expect(keys.action(for: .key(.end), in: .replay) == .replayEnd)
        #expect(keys.action(for: .key(.character("+")), in: .replay) == .replayFaster)
        #expect(keys.action(for: .key(.character("-")), in: .replay) == .replaySlower)
        #expect(keys.action(for: .key(.character("[")), in: .replay) == .replayStepBack)
        #expect(keys.action(for: .key(.character("]")), in: .replay) == .replayStepForward)
        #expect(keys.action(for: .key(.character(",")), in: .replay) == .replaySeekBack)
        #expect(keys.action(for: .key(.character(".")), in: .replay) == .replaySeekForward)
        #expect(keys.action(for: .key(.character("j")), in: .replay) == .moveDown)
    }

    @Test("Ctrl-C quits, Ctrl-L redraws, Ctrl-B and Ctrl-F page like less")
    func controlKeys() {
        #expect(keys.action(for: .key(.control("c"))) == .quit)
        #expect(keys.action(for: .key(.control("l"))) == .redraw)
        #expect(keys.action(for: .key(.control("b"))) == .pageUp)
        #expect(keys.action(for: .key(.control("f"))) == .pageDown)
        #expect(keys.action(for: .key(.control("c")), in: .replay) == .quit)
    }

    @Test("< > and ← → choose the previous and next sort column")
    func sortKeys() {
        #expect(keys.action(for: .key(.character("<"))) == .sortPreviousColumn)
        #expect(keys.action(for: .key(.left)) == .sortPreviousColumn)
        #expect(keys.action(for: .key(.character(">"))) == .sortNextColumn)
        #expect(keys.action(for: .key(.right)) == .sortNextColumn)
        #expect(keys.keys(for: .sortNextColumn) == [.character("s"), .function(6), .character(">"), .right])
    }

    @Test("+ and - set the refresh rate live and the speed in a replay; n and N find matches")
    func rateAndMatchKeys() {
        #expect(keys.action(for: .key(.character("+")), in: .live) == .refreshFaster)
        #expect(keys.action(for: .key(.character("-")), in: .live) == .refreshSlower)
        #expect(keys.action(for: .key(.character("n")), in: .live) == .nextMatch)
        #expect(keys.action(for: .key(.character("N")), in: .replay) == .previousMatch)
        #expect(keys.action(for: .key(.character("+")), in: .replay) == .replayFaster)
        #expect(keys.action(for: .key(.character("o")), in: .replay) == .toggleCollapse)
    }

    @Test("every new action is in the help, in its section")
    func newKeysInHelp() throws {
        let entries = keys.helpSections(in: .live).flatMap(\.entries)
        #expect(entries.contains(HelpEntry(keys: "Ctrl-L", summary: "Redraw the screen")))
        #expect(entries.contains(HelpEntry(keys: "PgUp Ctrl-B", summary: "Page up")))
        #expect(entries.contains(HelpEntry(keys: "< ←", summary: "Sort by the previous column")))
        #expect(entries.contains(HelpEntry(keys: "+ =", summary: "Refresh more often")))
        #expect(entries.contains(HelpEntry(keys: "n", summary: "Next row matching the filter")))
        #expect(Action.redraw.section == "Dashboard")
        #expect(Action.sortPreviousColumn.section == "Table")
    }

    @Test("the mouse wheel scrolls, a left click selects, a resize is no action")
    func mouse() {
        #expect(keys.action(for: .mouse(MouseEvent(.scrollDown, x: 3, y: 4))) == .scrollDown)
        #expect(keys.action(for: .mouse(MouseEvent(.click(button: 1), x: 3, y: 4))) == .click(x: 3, y: 4))
        #expect(keys.action(for: .mouse(MouseEvent(.click(button: 3), x: 3, y: 4))) == nil)
        #expect(keys.action(for: .mouse(MouseEvent(.doubleClick(button: 1), x: 3, y: 4))) == .open(x: 3, y: 4))
        #expect(keys.action(for: .resize(width: 80, height: 24)) == nil)
    }

    @Test("help is generated from the bindings: keys of one action together, per section")
    func help() throws {
        let sections = keys.helpSections(in: .live)
        #expect(sections.map(\.title) == ["Dashboard", "Move", "Table", "Mouse"])
        let dashboard = try #require(sections.first)
        #expect(dashboard.entries.first == HelpEntry(keys: "q F10 Ctrl-C", summary: "Quit"))
        #expect(dashboard.entries.contains(HelpEntry(keys: "1-6", summary: "Show view 1 to 6")))
        let move = try #require(sections.first { $0.title == "Move" })
        #expect(move.entries.first == HelpEntry(keys: "↑ k", summary: "Up"))
        #expect(move.entries.contains(HelpEntry(keys: "g Home", summary: "First row")))
        let replay = try #require(keys.helpSections(in: .replay).first { $0.title == "Replay" })
        #expect(replay.entries.map(\.keys) == ["Space", "+ =", "-", "[", "]", ",", ".", "Home", "End"])
        let replayMove = try #require(keys.helpSections(in: .replay).first { $0.title == "Move" })
        #expect(replayMove.entries.contains(HelpEntry(keys: "g", summary: "First row")))
    }

    @Test("footer hints come from the key map")
    func hints() {
        #expect(
            keys.hint(for: .filter, label: "filter", priority: 3) == KeyHint(key: "/", label: "filter", priority: 3)
        )
        #expect(keys.hint(for: .replayFaster, label: "faster") == nil)
    }

    @Test("keys print as help shows them")
    func keyNames() {
        #expect(Key.control("d").description == "Ctrl-D")
        #expect(Key.character(" ").description == "Space")
        #expect(Key.function(12).description == "F12")
        #expect(Key.pageDown.description == "PgDn")
    }
}
