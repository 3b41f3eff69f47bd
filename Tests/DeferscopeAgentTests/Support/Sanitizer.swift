#if canImport(Glibc)
import Glibc
#endif

/// The sanitizer this test binary was built with (`swift test --sanitize=…`), if any.
///
/// Swift has no compile-time condition for sanitizers, so this looks for each runtime's entry point
/// among the process's symbols. The test apps are built in the same build, so they carry the same
/// runtime: their allocator keeps freed memory in quarantine (ASan) or shadow (TSan), which a
/// bound on resident size set for the system allocator does not account for.
enum Sanitizer: String {
    case address = "AddressSanitizer"
    case thread = "ThreadSanitizer"

    /// The sanitizer linked into this process, or `nil` for an ordinary build.
    static let active: Sanitizer? = {
        guard let process = dlopen(nil, RTLD_NOW) else { return nil }
        defer { dlclose(process) }
        if dlsym(process, "__asan_init") != nil { return .address }
        if dlsym(process, "__tsan_init") != nil { return .thread }
        return nil
    }()
}
