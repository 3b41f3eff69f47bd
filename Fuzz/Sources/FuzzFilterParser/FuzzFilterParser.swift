import DeferscopeModel
import FuzzDriver

/// Parses the bytes as a dashboard filter (UTF-8, invalid sequences repaired as typed text would
/// be) and checks what the parser promises, not only that it returns:
/// - a refusal's position is a character offset inside the text (or just past its end), with a
///   message;
/// - a parsed filter, written back as text (``filterText(_:)``), parses to the same clauses.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFilterParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let filter: DeferredFilter
    do {
        filter = try DeferredFilter(parsing: text)
    } catch {
        check((0...text.count).contains(error.position), "position \(error.position) of \(text.count) characters")
        check(!error.message.isEmpty, "a refusal without a message")
        _ = error.description
        return 0
    }
    check(filter.source == text, "the source is not the text")
    let written = filterText(filter.clauses)
    do {
        let reread = try DeferredFilter(parsing: written)
        check(sameClauses(reread.clauses, filter.clauses), "clauses differ after a round trip: '\(written)'")
    } catch {
        check(false, "the written filter '\(written)' does not parse: \(error)")
    }
    return 0
}

/// The clauses as filter text, one term each, separated by spaces.
func filterText(_ clauses: [DeferredFilter.Clause]) -> String {
    clauses.map { ($0.negated ? "!" : "") + term($0.atom) }.joined(separator: " ")
}

func term(_ atom: DeferredFilter.Atom) -> String {
    switch atom {
    case .text(let text): return quoted(text)
    case .label(let text): return "label:" + quoted(text)
    case .site(let text): return "site:" + quoted(text)
    case .state(let kinds): return "state:" + kinds.map(\.description).sorted().joined(separator: "|")
    case .released: return "state:released"
    case .age(let comparison, let nanoseconds): return "age\(comparison.rawValue)\(Double(nanoseconds) / 1e9)s"
    case .steps(let comparison, let count): return "steps\(comparison.rawValue)\(count)"
    case .waits(let id): return "waits:#\(id)"
    case .id(let id): return "#\(id)"
    case .regex(let pattern): return "/" + pattern.pattern.replacing("/", with: "\\/") + "/"
    }
}

func quoted(_ text: String) -> String {
    "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
}

/// Equal clauses; ages within the rounding of a decimal number of seconds.
func sameClauses(_ lhs: [DeferredFilter.Clause], _ rhs: [DeferredFilter.Clause]) -> Bool {
    guard lhs.count == rhs.count else { return false }
    return zip(lhs, rhs).allSatisfy { left, right in
        guard left.negated == right.negated else { return false }
        if case .age(let leftComparison, let leftValue) = left.atom,
            case .age(let rightComparison, let rightValue) = right.atom
        {
            let difference = leftValue > rightValue ? leftValue - rightValue : rightValue - leftValue
            return leftComparison == rightComparison && Double(difference) <= max(1, Double(leftValue) * 1e-12)
        }
        return left.atom == right.atom
    }
}

/// A broken promise: a finding, as a crash libFuzzer records with its input.
func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("FuzzFilterParser: \(message())") }
}

/// The entry point SwiftPM links this executable with: libFuzzer's driver on the target above.
@_cdecl("FuzzFilterParser_main")
public func _fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { fuzzFilterParser($0, $1) }
}
