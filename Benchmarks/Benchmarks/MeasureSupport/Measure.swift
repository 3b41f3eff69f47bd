#if canImport(Glibc)
import Glibc
#endif

/// What the plain benchmark executables read off the process: memory and CPU time.
public enum Measure {
    /// Resident set size in bytes, from /proc/self/statm.
    public static func residentBytes() -> Int {
        guard let file = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(file) }
        var pages = 0
        var resident = 0
        _ = withUnsafeMutablePointer(to: &pages) { total in
            withUnsafeMutablePointer(to: &resident) { rss in
                withVaList([total, rss]) { vfscanf(file, "%ld %ld", $0) }
            }
        }
        return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// This thread's CPU time in nanoseconds: the machine may be shared, and what is measured
    /// runs on one thread.
    public static func threadCPUNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
