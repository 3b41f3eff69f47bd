import DeferscopeModel
import DeferscopeModelScript
import DeferscopeUI
import DeferscopeWire
import Testing

/// The dashboard over several processes: a line of counts per process, a PROCESS column, the
/// process in the detail, and none of it for one process.
@Suite struct MultiProcessViewTests {
    static func screen(_ model: DeferscopeModel, width: Int = 120, height: Int = 40, keys: [Key] = []) -> [String] {
        var dashboard = Dashboard.standard()
        dashboard.status = .live
        // Rendered once first: a view knows its rows (and selection) from its last frame.
        _ = dashboard.render(model: model, width: width, height: height)
        for key in keys { _ = dashboard.handle(.key(key), model: model) }
        return Screen.lines(dashboard.render(model: model, width: width, height: height))
    }

    @Test func theHeaderCountsProcessesAndTheStripCountsEach() {
        let lines = Self.screen(Script.twoProcesses())
        #expect(lines[0].hasPrefix(" 2 processes  live  pending 2  waiting 2"), "\(lines[0])")
        #expect(lines[1].contains("api 100 live pend 1 wait 1 fail 0 unh 0"), "\(lines[1])")
        #expect(lines[1].contains("worker 200 live pend 1 wait 1 fail 0 unh 0"), "\(lines[1])")
        #expect(lines[2].hasPrefix(" 1 Pending 4"), "\(lines[2])")
    }

    @Test func thePendingViewHasAProcessColumn() throws {
        let lines = Self.screen(Script.twoProcesses())
        let header = try #require(lines.firstIndex { $0.contains("LABEL") })
        #expect(lines[header].contains("PROCESS"))
        let rows = lines[(header + 1)...].filter { $0.contains("leaf") || $0.contains("caller") }
        #expect(rows.count == 4)
        #expect(rows.filter { $0.contains("100 api") }.count == 2, "\(rows)")
        #expect(rows.filter { $0.contains("200 worker") }.count == 2, "\(rows)")
        // Ids are the processes' own.
        #expect(rows.allSatisfy { $0.contains("#1 ") || $0.contains("#2 ") }, "\(rows)")
    }

    @Test func onePictureOfOneProcessHasNeitherStripNorColumn() {
        var model = Script.start()
        var script = Script()
        script.created(1, label: "leaf")
        model.run(&script)
        let lines = Self.screen(model)
        #expect(lines[0].hasPrefix(" app 42"), "\(lines[0])")
        #expect(lines[1].hasPrefix(" 1 Pending 1"), "\(lines[1])")
        #expect(!lines.contains { $0.contains("PROCESS") })
    }

    @Test func anEndedProcessIsSaidSoAndItsRowsAreGone() {
        var model = Script.twoProcesses()
        model.apply(.disconnected(.exited(pid: 100)), from: 1)
        let lines = Self.screen(model)
        #expect(lines[0].hasPrefix(" 1 of 2 processes attached"), "\(lines[0])")
        // The attached one first, then the one that ended.
        #expect(lines[1].contains("worker 200 live pend 1"), "\(lines[1])")
        #expect(lines[1].contains("│ api 100 exited"), "\(lines[1])")
        #expect(!lines.contains { $0.contains("100 api") })
    }

    @Test func theEventsViewNamesTheProcess() throws {
        let lines = Self.screen(Script.twoProcesses(), keys: [.character("6")])
        let header = try #require(lines.firstIndex { $0.contains("EVENT") })
        #expect(lines[header].contains("PROCESS"))
        #expect(lines.contains { $0.contains("200 worker") && $0.contains("#2 'caller'") })
        #expect(lines.contains { $0.contains("100 api") && $0.contains("#2 'caller'") })
    }

    @Test func theDetailNamesTheProcess() throws {
        let lines = Self.screen(Script.twoProcesses(), keys: [.enter])
        let title = try #require(lines.first { $0.contains("'leaf'") && $0.contains("pending") })
        #expect(title.contains("api 100") || title.contains("worker 200"), "\(title)")
    }

    @Test func theCancelQuestionNamesTheProcess() {
        let lines = Self.screen(Script.twoProcesses(), keys: [.character("c")])
        #expect(
            lines.contains {
                $0.contains("Cancel #1 'leaf' in api 100?") || $0.contains("Cancel #1 'leaf' in worker 200?")
            }
        )
    }

    @Test func aNarrowScreenKeepsTheStripOnOneLineAndCountsWhatDoesNotFit() {
        var model = Script.twoProcesses()
        Script.attachProcess(&model, source: 3, pid: 300, name: "scheduler")
        let lines = Self.screen(model, width: 60, height: 12)
        #expect(lines[1].displayWidth <= 60)
        #expect(lines[1].contains("api 100 live"), "\(lines[1])")
        #expect(lines[1].hasSuffix("more"), "\(lines[1])")
        #expect(lines[0].hasPrefix(" 3 processes"), "\(lines[0])")
    }
}
