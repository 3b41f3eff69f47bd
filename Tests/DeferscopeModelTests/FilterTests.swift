import DeferredKit
import DeferscopeModel
import DeferscopeModelScript
import DeferscopeWire
import Testing

/// The filter language: what parses, what does not and where, and what matches.
@Suite struct FilterTests {
    typealias Clause = DeferredFilter.Clause

    static let valid: [(String, [Clause])] = [
        ("fetch", [Clause(negated: false, atom: .text("fetch"))]),
        ("label:\"user profile\"", [Clause(negated: false, atom: .label("user profile"))]),
        ("site:Network.swift:10", [Clause(negated: false, atom: .site("Network.swift:10"))]),
        ("state:pending|waiting", [Clause(negated: false, atom: .state([.pending, .waiting]))]),
        ("age>5s", [Clause(negated: false, atom: .age(.greater, 5_000_000_000))]),
        ("age<=1.5m", [Clause(negated: false, atom: .age(.lessOrEqual, 90_000_000_000))]),
        ("age>=250ms", [Clause(negated: false, atom: .age(.greaterOrEqual, 250_000_000))]),
        ("age<2h", [Clause(negated: false, atom: .age(.less, 7_200_000_000_000))]),
        ("steps>3", [Clause(negated: false, atom: .steps(.greater, 3))]),
        ("steps=0", [Clause(negated: false, atom: .steps(.equal, 0))]),
        ("waits:#12", [Clause(negated: false, atom: .waits(12))]),
        ("#7", [Clause(negated: false, atom: .id(7))]),
        ("!state:running", [Clause(negated: true, atom: .state([.running]))]),
        ("state:released", [Clause(negated: false, atom: .released)]),
        ("  db  !\"a b\"  ", [Clause(negated: false, atom: .text("db")), Clause(negated: true, atom: .text("a b"))]),
    ]

    @Test func validFiltersParse() throws {
        for (text, clauses) in Self.valid {
            #expect(try DeferredFilter(parsing: text).clauses == clauses, "\(text)")
        }
    }

    @Test func aRegularExpressionParses() throws {
        let filter = try DeferredFilter(parsing: "/retry-[0-9]+/")
        guard case .regex(let pattern) = filter.clauses.first?.atom else {
            Issue.record("not a regex: \(filter.clauses)")
            return
        }
        #expect(pattern.pattern == "retry-[0-9]+")
    }

    @Test(arguments: [
        ("lable:x", 0, "unknown field 'lable'"),
        ("db state:pendng", 9, "unknown state 'pendng'"),
        ("state:pending|bogus", 14, "unknown state 'bogus'"),
        ("age>5parsecs", 4, "is not a duration"),
        ("age>", 4, "needs a value"),
        ("steps>x", 6, "is not a whole number"),
        ("label:", 6, "needs a value"),
        ("fetch !", 6, "'!' needs a term"),
        ("a \"open", 2, "no closing '\"'"),
        ("x /abc", 2, "no closing '/'"),
        ("/[a-/ y", 1, "invalid regular expression"),
        ("waits:#x", 6, "is not a whole number"),
        ("label>3", 0, "cannot be compared"),
    ])
    func invalidFiltersSayWhereTheProblemIs(_ text: String, _ position: Int, _ message: String) {
        #expect {
            _ = try DeferredFilter(parsing: text)
        } throws: { error in
            guard let error = error as? FilterParseError else { return false }
            return error.position == position && error.message.contains(message)
                && error.description.hasPrefix("column \(position + 1): ")
        }
    }

    @Test func filtersMatchWhatTheySay() throws {
        var model = Script.start()
        var script = Script()
        script.created(1, label: "Fetch user", site: 1)
        script.created(2, label: "query", site: 2)
        script.stepAdded(2, index: 0)
        script.stepAdded(2, index: 1)
        script.fired(2)
        script.waits(2, index: 0, on: 1)
        script.advance(10 * Script.second)
        script.created(3, label: "retry-12", site: 3)
        model.run(&script)

        func ids(_ text: String) throws -> [UInt64] {
            let filter = try DeferredFilter(parsing: text)
            return model.window(of: .pending, filter: filter, offset: 0, count: 10).rows.map(\.id)
        }
        #expect(try ids("fetch") == [1])
        #expect(try ids("database") == [2])
        #expect(try ids("!fetch") == [2, 3])
        #expect(try ids("label:USER") == [1])
        #expect(try ids("site:cache.swift") == [3])
        #expect(try ids("state:waiting") == [2])
        #expect(try ids("age>5s") == [1, 2])
        #expect(try ids("age<=5s") == [3])
        #expect(try ids("steps>=2") == [2])
        #expect(try ids("waits:#1") == [2])
        #expect(try ids("/RETRY-[0-9]+/") == [3])
        #expect(try ids("/network/") == [1])
        #expect(try ids("#3") == [3])
        #expect(try ids("age>5s !state:waiting") == [1])
        #expect(
            model.window(of: .pending, filter: try DeferredFilter(parsing: "age>5s"), offset: 1, count: 10).total == 2
        )
    }
}
