import InMemoryTracing
import Tracing

/// A stable text picture of finished spans, for exact comparisons: spans in start order, each with
/// its parent's name, its attributes sorted by key, its events in order, its links, errors and
/// status. Values that differ from run to run are replaced by what they refer to: a Deferred id by
/// `#` and the name of that Deferred's span, the thread by `T` (checked to be non-zero), a duration
/// by `D` (checked to be non-negative).
struct SpanRendering {
    private(set) var problems: [String] = []
    private var namesByDeferredID: [Int64: String] = [:]
    private var namesBySpanID: [String: String] = [:]

    static func render(_ spans: [FinishedInMemorySpan]) -> (text: String, problems: [String]) {
        var rendering = SpanRendering()
        let sorted = spans.sorted { $0.startInstant.nanosecondsSinceEpoch < $1.startInstant.nanosecondsSinceEpoch }
        for span in sorted {
            rendering.namesBySpanID[span.spanID] = span.operationName
            if case .int64(let id) = span.attributes["deferred.id"]?.toSpanAttribute() {
                rendering.namesByDeferredID[id] = span.operationName
            }
        }
        let text = sorted.map { rendering.render($0) }.joined()
        return (text, rendering.problems)
    }

    private mutating func render(_ span: FinishedInMemorySpan) -> String {
        var lines: [String] = []
        let parent = span.parentSpanID.map { namesBySpanID[$0] ?? "?" } ?? "none"
        lines.append("span \(span.operationName) parent=\(parent)")
        if span.endInstant.nanosecondsSinceEpoch < span.startInstant.nanosecondsSinceEpoch {
            problems.append("\(span.operationName) ends before it starts")
        }
        lines.append("  attributes \(render(span.attributes))")
        for event in span.events {
            if event.nanosecondsSinceEpoch + 1_000_000 < span.startInstant.nanosecondsSinceEpoch {
                problems.append("\(span.operationName): event \(event.name) before the span's start")
            }
            lines.append("  event \(event.name) \(render(event.attributes))")
        }
        for link in span.links {
            let target = link.context.inMemorySpanContext.map { namesBySpanID[$0.spanID] ?? "?" } ?? "?"
            lines.append("  link \(target) \(render(link.attributes))")
        }
        for error in span.errors {
            lines.append("  error \(error.error) \(render(error.attributes))")
        }
        if let status = span.status {
            lines.append("  status \(status.code) \(status.message ?? "")")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private mutating func render(_ attributes: SpanAttributes) -> String {
        var pairs: [(String, String)] = []
        // SpanAttributes is not a Sequence: forEach is its only way through.
        // swift-format-ignore: ReplaceForEachWithForLoop
        attributes.forEach { key, value in pairs.append((key, render(key, value))) }
        return pairs.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
    }

    private mutating func render(_ key: String, _ value: SpanAttribute) -> String {
        switch (key, value) {
        case ("deferred.id", .int64(let id)), ("deferred.other.id", .int64(let id)):
            return "#" + (namesByDeferredID[id] ?? "untraced")
        case ("thread.id", .int64(let thread)):
            if thread == 0 { problems.append("thread.id is 0") }
            return "T"
        case (_, .int64(let duration)) where key.hasSuffix("duration_ns"):
            if duration < 0 { problems.append("\(key) is negative") }
            return "D"
        case (_, .int64(let number)): return "\(number)"
        case (_, .int32(let number)): return "\(number)"
        case (_, .double(let number)): return "\(number)"
        case (_, .bool(let flag)): return "\(flag)"
        case (_, .string(let text)): return "\"\(text)\""
        default: return "\(value)"
        }
    }
}
