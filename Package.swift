// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    // Release code asks for the metadata of a concrete generic type (`[String: String]`'s
    // storage) through its accessor, which is handed the conformances, instead of by
    // mangled name, which the runtime demangles and whose first conformance checks scan
    // every conformance record of the executable: a one-shot command pays for each.
    // Each function in a section of its own, so the linker can lay out the executable by the
    // order in `Sources/cortex/cortex.order` (below).
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors", "-Xfrontend", "-function-sections"],
                 .when(configuration: .release)),
]

/// The shipped executables start faster with the Swift runtime linked in (no dynamic
/// loading and relocation of libswiftCore, Foundation, ICU, Dispatch) and carry no symbol
/// table. They are linked by lld with packed relative relocations (`DT_RELR`, glibc 2.36
/// and later): the loader applies the ~130,000 pointer fix-ups of a position-independent
/// static binary from a compact bitmap instead of one 24-byte record each, and address
/// randomisation stays. Release builds on Linux only; debug builds and tests link as usual.
///
/// The functions a REPL session runs are laid out together, in the order of
/// `Sources/cortex/cortex.order` (made by `scripts/symbol-order` from profiled sessions): the
/// executable's code is mapped page by page as it runs, and for each page it faults in the
/// kernel also maps the neighbouring pages that are in the page cache, so code that runs
/// together costs fewer resident pages. A name the order lists that the build no longer has
/// is skipped. `CORTEX_PROFILE_BUILD=1` keeps the symbol table and writes the link map
/// (`.build/cortex.map`) that `scripts/symbol-order` reads.
let profileBuild = Context.environment["CORTEX_PROFILE_BUILD"] == "1"
let fastStart: [LinkerSetting] = [
    .unsafeFlags(
        (profileBuild ? ["-Xlinker", "-Map=\(Context.packageDirectory)/.build/cortex.map"] : ["-Xlinker", "-s"])
        + ["-static-stdlib", "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
           "-Xlinker", "--no-export-dynamic",
           "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/Sources/cortex/cortex.order",
           "-Xlinker", "--no-warn-symbol-ordering",
           // What the static Foundation needs beside itself (the dynamic one names them as NEEDED).
           "-lFoundationInternationalization", "-lFoundationEssentials", "-lCoreFoundation", "-l_FoundationICU",
           "-l_FoundationCShims", "-l_FoundationCollections", "-lswiftSynchronization"],
        .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "cortex",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cortex", targets: ["cortex"]),
        .executable(name: "cortex-bench", targets: ["cortex-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // libcurl, loaded with dlopen on the first request (its headers are needed to build).
        .target(name: "CCurl"),
        // OpenSSL's libcrypto (SHA-256, HMAC), loaded with dlopen on the first digest (its
        // headers are needed to build).
        .target(name: "COpenSSL"),
        // C system library: a module map and a header of static-inline shims.
        .systemLibrary(
            name: "CEditLine", pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]),

        // Pure logic: operations, the embedded parser, decisions. No I/O.
        .target(name: "CortexCore", swiftSettings: strict),

        // Kubernetes: kubeconfig, request building, object models, rollout logic.
        .target(
            name: "CortexKube",
            dependencies: ["CortexCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict),

        // A simulated cluster speaking the real Kubernetes REST API on loopback.
        .target(
            name: "CortexSim",
            dependencies: [
                "CortexCore", "CortexKube",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            // Official OpenAPI documents trimmed to the served kinds, read only when requested.
            resources: [.copy("Resources/OpenAPI")],
            swiftSettings: strict),

        // The pipeline, the REPL and the live adapters.
        .target(
            name: "CortexShell",
            dependencies: [
                "CortexCore", "CortexKube", "CortexSim", "CEditLine", "COpenSSL", "CCurl",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict),

        // The executable: argument parsing and wiring only.
        .executableTarget(
            name: "cortex",
            dependencies: [
                "CortexShell", "CortexCore", "CortexSim",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["cortex.order"],
            swiftSettings: strict,
            linkerSettings: fastStart),

        // Benchmarks for the README's performance figures (run in release mode).
        .executableTarget(
            name: "cortex-bench",
            dependencies: ["CortexCore", "CortexKube", "CortexShell", "CortexSim", "CEditLine", "CortexTestSupport"],
            path: "Benchmarks/CortexBench",
            swiftSettings: strict),

        // OpenSSL's TLS, for the tests' HTTPS server.
        .systemLibrary(
            name: "CTestOpenSSL", path: "Tests/CTestOpenSSL", pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]),

        // Helpers for tests: scripted readers, temp dirs, golden files, running the binary.
        .target(name: "CortexTestSupport", dependencies: ["CortexCore", "CortexShell", "CEditLine"], swiftSettings: strict),

        .testTarget(
            name: "CortexCoreTests",
            dependencies: ["CortexCore", "CortexTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict),
        .testTarget(
            name: "CortexKubeTests",
            dependencies: ["CortexKube", "CortexCore", "CortexTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict),
        .testTarget(
            name: "CortexSimTests",
            dependencies: ["CortexSim", "CortexKube", "CortexCore", "CortexTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict),
        .testTarget(
            name: "CortexShellTests",
            dependencies: ["CortexShell", "CortexCore", "CortexTestSupport", "CTestOpenSSL"],
            swiftSettings: strict),
        .testTarget(
            name: "CortexCLITests",
            dependencies: ["cortex", "CortexTestSupport"],
            resources: [.copy("Golden")],
            swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
