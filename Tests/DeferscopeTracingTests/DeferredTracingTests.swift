import DeferredKit
import DeferscopeTracing
import InMemoryTracing
import Testing
import Tracing

/// Exact spans for the shapes of chain the tracing must get right. Each scenario runs in a child
/// process (see `runScenario`).
@Suite struct DeferredTracingTests {
    struct Boom: Error {}
    struct DescribedBoom: Error, CustomStringConvertible {
        var description: String { "boom at checkout" }
    }

    @Test func simpleChain() async throws {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            runScenario {
                let (deferred, line) = (Deferred<Int>(label: "simple"), #line)
                deferred.addCallback(label: "double") { $0 * 2 }.addCallback(label: "describe") { "\($0)" }
                try deferred.callback(21)
                return ["simple": line]
            } expected: { lines in
                """
                span request parent=none
                  attributes 
                span simple parent=request
                  attributes code.filepath="\(testFile)" code.lineno=\(lines["simple"]!) deferred.id=#simple deferred.label="simple" deferred.outcome="success String" deferred.steps_run=2 thread.id=T
                  event fired deferred.result="success Int"
                  event double deferred.result="success Int" deferred.step.duration_ns=D deferred.step.index=0 deferred.step.kind="callback" deferred.step.label="double"
                  event describe deferred.result="success String" deferred.step.duration_ns=D deferred.step.index=1 deferred.step.kind="callback" deferred.step.label="describe"

                """
            }
        }
        reportScenario(result)
    }

    @Test func nestedChain() async throws {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            runScenario {
                let (outer, outerLine) = (Deferred<Int>(label: "outer"), #line)
                let (inner, innerLine) = (Deferred<String>(label: "inner"), #line)
                outer.addCallback(label: "fetch") { _ in inner }.addCallback(label: "use") { $0.count }
                try outer.callback(1)
                try inner.callback("four")
                return ["outer": outerLine, "inner": innerLine]
            } expected: { lines in
                """
                span request parent=none
                  attributes 
                span outer parent=request
                  attributes code.filepath="\(testFile)" code.lineno=\(lines["outer"]!) deferred.id=#outer deferred.label="outer" deferred.outcome="success Int" deferred.steps_run=2 thread.id=T
                  event fired deferred.result="success Int"
                  event fetch deferred.other.id=#inner deferred.step.duration_ns=D deferred.step.index=0 deferred.step.kind="callback" deferred.step.label="fetch"
                  event waiting deferred.other.id=#inner
                  event resumed deferred.other.id=#inner deferred.result="success String" deferred.wait.duration_ns=D
                  event use deferred.result="success Int" deferred.step.duration_ns=D deferred.step.index=1 deferred.step.kind="callback" deferred.step.label="use"
                  link inner deferred.relation="waited_on"
                span inner parent=request
                  attributes code.filepath="\(testFile)" code.lineno=\(lines["inner"]!) deferred.id=#inner deferred.label="inner" deferred.outcome="success String" deferred.steps_run=0 thread.id=T
                  event fired deferred.result="success String"

                """
            }
        }
        reportScenario(result)
    }

    @Test func gatherResultsOfTwo() async throws {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            runScenario {
                let (first, firstLine) = (Deferred<Int>(label: "first"), #line)
                let (second, secondLine) = (Deferred<Int>(label: "second"), #line)
                let (gathered, line) = (gatherResults([first, second], label: "both"), #line)
                gathered.addCallback(label: "sum") { $0.reduce(0, +) }
                try second.callback(2)
                try first.callback(1)
                return ["first": firstLine, "second": secondLine, "both": line]
            } expected: { lines in
                """
                span request parent=none
                  attributes 
                span first parent=request
                  attributes code.filepath="\(testFile)" code.lineno=\(lines["first"]!) deferred.id=#first deferred.label="first" deferred.outcome="success Int" deferred.steps_run=1 thread.id=T
                  event fired deferred.result="success Int"
                  event collect deferred.step.duration_ns=D deferred.step.index=0 deferred.step.kind="collect"
                span second parent=request
                  attributes code.filepath="\(testFile)" code.lineno=\(lines["second"]!) deferred.id=#second deferred.label="second" deferred.outcome="success Int" deferred.steps_run=1 thread.id=T
                  event fired deferred.result="success Int"
                  event collect deferred.step.duration_ns=D deferred.step.index=0 deferred.step.kind="collect"
                span both parent=request
                  attributes code.filepath="\(testFile)" code.lineno=\(lines["both"]!) deferred.id=#both deferred.label="both" deferred.outcome="success Int" deferred.steps_run=2 thread.id=T
                  event fired deferred.other.id=#first deferred.result="success Array<Result<Int, Error>>"
                  event collect deferred.result="success Array<Int>" deferred.step.duration_ns=D deferred.step.index=0 deferred.step.kind="collect"
                  event sum deferred.result="success Int" deferred.step.duration_ns=D deferred.step.index=1 deferred.step.kind="callback" deferred.step.label="sum"
                  link first deferred.relation="fired_by"

                """
            }
        }
        reportScenario(result)
    }

    @Test func cancellation() async throws {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            runScenario {
                let (deferred, line) = (Deferred<Int>(label: "cancelled"), #line)
                deferred.addErrback(label: "recover") { _ in -1 }
                let cancelLine = (#line, deferred.cancel()).0
                return ["cancelled": line, "cancel": cancelLine]
            } expected: { lines in
                """
                span request parent=none
                  attributes 
                span cancelled parent=request
                  attributes code.filepath="\(testFile)" code.lineno=\(lines["cancelled"]!) deferred.cancelled=true deferred.id=#cancelled deferred.label="cancelled" deferred.outcome="success Int" deferred.steps_run=1 thread.id=T
                  event cancelled code.filepath="\(testFile)" code.lineno=\(lines["cancel"]!)
                  event fired deferred.result="failure CancelledError"
                  event recover deferred.result="success Int" deferred.step.duration_ns=D deferred.step.index=0 deferred.step.kind="errback" deferred.step.label="recover"

                """
            }
        }
        reportScenario(result)
    }

    @Test func timeout() async throws {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            runScenario {
                let clock = ManualClock()
                let (deferred, line) = (Deferred<Int>(label: "slow"), #line)
                let (timed, timeoutLine) = (deferred.addTimeout(5, clock: clock), #line)
                timed.addErrback(label: "fallback") { _ in 0 }
                clock.advance(5)
                return ["slow": line, "timeout": timeoutLine]
            } expected: { lines in
                """
                span request parent=none
                  attributes 
                span slow parent=request
                  attributes code.filepath="\(testFile)" code.lineno=\(lines["slow"]!) deferred.cancelled=true deferred.id=#slow deferred.label="slow" deferred.outcome="success Int" deferred.steps_run=3 deferred.timed_out=true deferred.timeout_seconds=5.0 thread.id=T
                  event timed out deferred.timeout_seconds=5.0
                  event cancelled code.filepath="\(testFile)" code.lineno=\(lines["timeout"]!)
                  event fired deferred.result="failure CancelledError"
                  event timeout deferred.result="failure TimeoutError" deferred.step.duration_ns=D deferred.step.index=0 deferred.step.kind="timeout"
                  event timeout-disarm deferred.step.duration_ns=D deferred.step.index=1 deferred.step.kind="timeout-disarm"
                  event fallback deferred.result="success Int" deferred.step.duration_ns=D deferred.step.index=2 deferred.step.kind="errback" deferred.step.label="fallback"

                """
            }
        }
        reportScenario(result)
    }

    @Test func unhandledFailure() async throws {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            runScenario {
                let (deferred, line) = (Deferred<Int>(label: "boom"), #line)
                deferred.addCallback(label: "never") { $0 + 1 }
                try deferred.errback(Boom())
                return ["boom": line]
            } expected: { lines in
                """
                span request parent=none
                  attributes 
                span boom parent=request
                  attributes code.filepath="\(testFile)" code.lineno=\(lines["boom"]!) deferred.id=#boom deferred.label="boom" deferred.outcome="failure Boom" deferred.steps_run=0 deferred.unhandled_failure=true thread.id=T
                  event fired deferred.result="failure Boom"
                  error Boom exception.type="Boom"
                  status error Boom

                """
            }
        }
        reportScenario(result)
    }

    @Test func failureWithDescriptions() async throws {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            runScenario(configuration: .init(selection: .matching { $0 == "described" }, describesValues: true)) {
                let (deferred, line) = (Deferred<Int>(label: "described"), #line)
                let unselected = Deferred<Int>(label: "not selected")
                try unselected.callback(0)
                try deferred.errback(DescribedBoom())
                return ["described": line]
            } expected: { lines in
                """
                span request parent=none
                  attributes 
                span described parent=request
                  attributes code.filepath="\(testFile)" code.lineno=\(lines["described"]!) deferred.id=#described deferred.label="described" deferred.outcome="failure DescribedBoom" deferred.steps_run=0 deferred.unhandled_failure=true thread.id=T
                  event fired deferred.result="failure DescribedBoom" deferred.result.description="boom at checkout"
                  error boom at checkout exception.message="boom at checkout" exception.type="DescribedBoom"
                  status error DescribedBoom

                """
            }
        }
        reportScenario(result)
    }
}

/// Expects the scenario's child process to have printed nothing on its standard error (where it
/// prints the expected and the actual spans when they differ).
func reportScenario(_ result: ExitTest.Result?, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    guard let result else { return }
    let printed = String(decoding: result.standardErrorContent, as: UTF8.self)
    #expect(printed.isEmpty, "the scenario printed:\n\(printed)", sourceLocation: sourceLocation)
}
