import DeferscopeModel
import FuzzDriver

/// Parses the bytes as a dashboard filter (UTF-8, invalid sequences repaired as typed text would
/// be) and checks what the parser promises, not only that it returns:
/// - a refusal's position is a character offset inside the text (or just past its end), with a
///   message;
/// - each clause of a parsed filter, written back as text (``term(_:)``), parses to itself, and
///   the terms joined by spaces parse to the same clauses.
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
    let terms = filter.clauses.map(term)
    for (clause, written) in zip(filter.clauses, terms) {
        reparse(written, as: [clause])
    }
    // Terms joined by spaces read back as the same clauses, unless a term starts with a mark
    // that joins the space before it into one character (a term can only start so at the
    // beginning of the text), or ends with one that joins the space after it (a prepended
    // concatenation mark such as U+0605, a finding of this target: it can only end the text).
    if terms.allSatisfy({ (" " + $0 + " ").count == $0.count + 2 }) {
        reparse(terms.joined(separator: " "), as: filter.clauses)
    }
    return 0
}

func reparse(_ written: String, as clauses: [DeferredFilter.Clause]) {
    do {
        let reread = try DeferredFilter(parsing: written)
        check(sameClauses(reread.clauses, clauses), "clauses differ after a round trip: '\(written)'")
    } catch {
        check(false, "the written filter '\(written)' does not parse: \(error)")
    }
}

/// The clause as filter text: one term.
func term(_ clause: DeferredFilter.Clause) -> String {
    (clause.negated ? "!" : "") + term(clause.atom)
}

func term(_ atom: DeferredFilter.Atom) -> String {
    switch atom {
    case .text(let text): return bareOrQuoted("", text, atom)
    case .label(let text): return bareOrQuoted("label:", text, atom)
    case .site(let text): return bareOrQuoted("site:", text, atom)
    case .state(let kinds): return "state:" + kinds.map(\.description).sorted().joined(separator: "|")
    case .released: return "state:released"
    case .age(let comparison, let nanoseconds): return "age\(comparison.rawValue)\(Double(nanoseconds) / 1e9)s"
    case .steps(let comparison, let count): return "steps\(comparison.rawValue)\(count)"
    case .waits(let id): return "waits:#\(id)"
    case .id(let id): return "#\(id)"
    case .pid(let pid): return "pid:\(pid)"
    case .process(let text): return bareOrQuoted("process:", text, atom)
    case .regex(let pattern): return "/" + pattern.pattern.replacing("/", with: "\\/") + "/"
    }
}

/// `prefix` and the text as it was typed when that reads back alone, else quoted with escapes.
func bareOrQuoted(_ prefix: String, _ text: String, _ atom: DeferredFilter.Atom) -> String {
    let bare = prefix + text
    if let filter = try? DeferredFilter(parsing: bare), filter.clauses == [.init(negated: false, atom: atom)] {
        return bare
    }
    return prefix + quoted(text)
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
