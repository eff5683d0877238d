#if canImport(Glibc)
import Glibc
#endif

/// Gives back the executable's read-only pages once an interactive session has started.
///
/// The code and constants of the executable are mapped from its file and stay resident once
/// touched (the kernel maps 64 KiB around every page first run). Start-up touches much code
/// that a session never runs again (argument parsing, configuration, seeding the simulated
/// cluster), and it would count in the shell's resident memory for as long as the shell is
/// open. These pages are clean, so letting go of them loses nothing: a page needed again is
/// mapped back from the page cache on its next use.
enum StartupPages {
    /// Unmaps the resident pages of the executable's non-writable segments. Writable segments
    /// (data, and the relocated read-only data that is only made read-only after start-up)
    /// are never touched.
    static func release() {
        #if os(Linux)
        // The executable's program headers, from the auxiliary vector (`getauxval` is looked up
        // because the Glibc module does not export <sys/auxv.h>).
        typealias GetAuxiliaryValue = @convention(c) (UInt) -> UInt
        guard let symbol = dlsym(nil, "getauxval") else { return }
        let auxiliary = unsafeBitCast(symbol, to: GetAuxiliaryValue.self)
        let count = Int(auxiliary(UInt(AT_PHNUM)))
        guard let headers = UnsafePointer<Elf64_Phdr>(bitPattern: auxiliary(UInt(AT_PHDR))), count > 0 else { return }
        // Where the executable was loaded: the headers' address less their own virtual address.
        guard let self_ = (0..<count).first(where: { headers[$0].p_type == UInt32(PT_PHDR) }) else { return }
        let bias = UInt(bitPattern: headers) &- UInt(headers[self_].p_vaddr)
        let page = UInt(sysconf(Int32(_SC_PAGESIZE)))
        for index in 0..<count {
            let header = headers[index]
            guard header.p_type == UInt32(PT_LOAD), header.p_flags & UInt32(PF_W) == 0 else { continue }
            let first = bias &+ UInt(header.p_vaddr)
            let start = first & ~(page - 1)
            // Rounded down: a last page shared with a writable segment stays.
            let end = (first + UInt(header.p_memsz)) & ~(page - 1)
            guard end > start, let address = UnsafeMutableRawPointer(bitPattern: start) else { continue }
            _ = madvise(address, Int(end - start), MADV_DONTNEED)
        }
        #endif
    }
}
