import DeferredKit
import Logging
import Synchronization
import Testing

extension GlobalStateTests {
    /// "Unhandled error in Deferred": what is reported when a chain is released, and what is not.
    @Suite struct UnhandledErrorTests {
        /// Installs a handler that records reports for the duration of `body`.
        func reports(_ body: () throws -> Void) rethrows -> [UnhandledError] {
            let log = Log<UnhandledError>()
            DeferredDiagnostics.setUnhandledErrorHandler { log.append($0) }
            defer { DeferredDiagnostics.setUnhandledErrorHandler(nil) }
            try body()
            return log.all
        }

        @Test func aFailureNobodyHandledIsReportedOnceWithItsChain() throws {
            var id: DeferredID?
            var line = 0
            let reported = try reports {
                line = #line + 1
                let d = Deferred<Int>(label: "doomed")
                id = d.id
                d.addCallback { _ -> Int in throw Boom("unhandled") }
                try d.callback(1)
            }
            let mine = reported.filter { $0.id == id }
            #expect(mine.count == 1)
            #expect(mine.first?.label == "doomed")
            #expect(boomName(mine.first?.error) == "unhandled")
            #expect(
                mine.first?.createdAt
                    == SourceLocation(fileID: "DeferredKitTests/UnhandledErrorTests.swift", line: line)
            )
        }

        @Test func recoveredFailuresAndPendingChainsAreNotReported() throws {
            var ids: [DeferredID] = []
            let reported = try reports {
                let recovered = Deferred<Int>()
                recovered.addCallback { _ -> Int in throw Boom() }.addErrback { _ in 0 }
                try recovered.callback(1)
                let pending = Deferred<Int>()
                ids = [recovered.id, pending.id]
            }
            #expect(reported.filter { ids.contains($0.id) }.isEmpty)
        }

        @Test func aFailureTakenByAWaitingChainIsThatChainsToHandle() throws {
            var innerID: DeferredID?
            var outerID: DeferredID?
            let reported = try reports {
                let inner = Deferred<Int>()
                let outer = Deferred<Int>()
                outer.addCallback { _ in inner }
                try outer.callback(0)
                try inner.errback(Boom("passed up"))
                innerID = inner.id
                outerID = outer.id
            }
            #expect(reported.filter { $0.id == innerID }.isEmpty)
            #expect(reported.filter { $0.id == outerID }.map { boomName($0.error) } == ["passed up"])
        }

        @Test func aStepAddedLaterThatRethrowsMakesTheFailureTheInnersAgain() throws {
            var innerID: DeferredID?
            let reported = try reports {
                let inner = Deferred<Int>.fail(Boom("again"))
                let outer = Deferred<Int>()
                outer.addCallback { _ in inner }.addErrback { _ in 0 }
                try outer.callback(0)
                inner.addErrback { error -> Int in throw error }
                innerID = inner.id
            }
            #expect(reported.filter { $0.id == innerID }.count == 1)
        }

        @Test func chainDeferredHandsTheFailureToTheTarget() throws {
            var sourceID: DeferredID?
            var targetID: DeferredID?
            let reported = try reports {
                let source = Deferred<Int>()
                let target = Deferred<Int>()
                source.chainDeferred(target)
                try source.errback(Boom("to target"))
                sourceID = source.id
                targetID = target.id
            }
            #expect(reported.filter { $0.id == sourceID }.isEmpty)
            #expect(reported.filter { $0.id == targetID }.count == 1)
        }

        @Test func aDeferredListTakesInputFailuresOnlyWithConsumeErrors() throws {
            var kept: DeferredID?
            var consumed: DeferredID?
            let reported = reports {
                let a = Deferred<Int>.fail(Boom("a"))
                let b = Deferred<Int>.fail(Boom("b"))
                _ = deferredList([a])
                _ = deferredList([b], consumeErrors: true)
                kept = a.id
                consumed = b.id
            }
            #expect(reported.filter { $0.id == kept }.count == 1)
            #expect(reported.filter { $0.id == consumed }.isEmpty)
        }

        @Test func raceTakesItsInputsFailures() throws {
            var inputIDs: [DeferredID] = []
            var raceID: DeferredID?
            let reported = reports {
                let inputs = [Deferred<Int>.fail(Boom("x")), Deferred<Int>.fail(Boom("y"))]
                let raced = race(inputs)
                inputIDs = inputs.map(\.id)
                raceID = raced.id
            }
            #expect(reported.filter { inputIDs.contains($0.id) }.isEmpty)
            #expect(reported.filter { $0.id == raceID }.first?.error is FailureGroup)
        }

        @Test func aPausedChainWithStepsLeftIsNotReported() throws {
            var id: DeferredID?
            let reported = try reports {
                let d = Deferred<Int>()
                d.pause()
                d.addErrback { _ in 0 }
                try d.errback(Boom())
                id = d.id
            }
            #expect(reported.filter { $0.id == id }.isEmpty)
        }

        @Test func withoutAHandlerTheReportIsLoggedThroughSwiftLog() throws {
            CapturingLogHandler.bootstrapOnce()
            var id: DeferredID?
            do {
                let d = Deferred<Int>.fail(Boom("logged"))
                id = d.id
            }
            let entry = try #require(CapturingLogHandler.entries.first { $0.metadata["deferred"] == "\(id!)" })
            #expect(entry.label == "DeferredKit")
            #expect(entry.level == .error)
            #expect(entry.message == "Unhandled error in Deferred")
            #expect(entry.metadata["error"] == "Boom(logged)")
        }
    }
}

/// A swift-log backend that keeps what it is given, for the one test that checks the default report.
struct CapturingLogHandler: LogHandler {
    struct Entry: Sendable {
        let label: String
        let level: Logger.Level
        let message: String
        let metadata: [String: String]
    }

    static let store = _Lock<[Entry]>([])
    static let bootstrapped = _Lock(false)

    static var entries: [Entry] { store.withLock { $0 } }

    static func bootstrapOnce() {
        let first = bootstrapped.withLock { done -> Bool in
            defer { done = true }
            return !done
        }
        if first {
            LoggingSystem.bootstrap { CapturingLogHandler(label: $0) }
        }
    }

    let label: String
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var flat: [String: String] = [:]
        for (key, value) in event.metadata ?? [:] {
            flat[key] = "\(value)"
        }
        let entry = Entry(label: label, level: event.level, message: "\(event.message)", metadata: flat)
        Self.store.withLock { $0.append(entry) }
    }
}
