import DeferredKit
import DeferscopeTracing
import InMemoryTracing
import Tracing

#if canImport(Glibc)
import Glibc
#endif

/// Runs `body` with a tracing observer installed for an in-memory tracer, inside a request span
/// of that tracer, then compares the finished spans (once every Deferred of `body` is released)
/// with what `expected` builds from the creation lines `body` returned. Whatever differs is printed
/// on the standard error, which the test expects to be empty: the scenarios run in child processes
/// (exit tests), because DeferredKit has one process-wide observer slot that other suites' tests
/// also use.
func runScenario(
    configuration: DeferredTracing.Configuration = .init(),
    _ body: () throws -> [String: Int],
    expected: ([String: Int]) -> String
) {
    DeferredDiagnostics.setUnhandledErrorHandler { _ in }
    let tracer = InMemoryTracer()
    let observer = DeferredTracingObserver(tracer: tracer, configuration: configuration)
    DeferredInstrumentation.install(observer)
    let lines: [String: Int]
    do {
        lines = try tracer.withSpan("request") { _ in try body() }
    } catch {
        printError("the scenario threw \(error)\n")
        return
    }
    DeferredInstrumentation.uninstall()
    let (text, problems) = SpanRendering.render(tracer.finishedSpans)
    let wanted = expected(lines)
    if text != wanted {
        printError("--- expected\n\(wanted)--- actual\n\(text)---\n")
    }
    if !problems.isEmpty {
        printError("problems: \(problems)\n")
    }
    if observer.openSpanCount != 0 {
        printError("\(observer.openSpanCount) spans still open\n")
    }
}

/// The test file's `#fileID`, as the spans' `code.filepath` shows it.
let testFile = "DeferscopeTracingTests/DeferredTracingTests.swift"

/// Writes to the standard error.
func printError(_ text: String) {
    var text = text
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}
