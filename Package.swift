// swift-tools-version:6.0
import PackageDescription

// Baseline x86-64-v3 (AVX2 + FMA, every x86 server since 2013): without a CPU target Swift emits
// SSE2 code and turns each SIMD fused multiply-add into a libm call (see ../shared/NATIVE.md).
#if arch(x86_64)
let cpuFlags: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"])]
let cpuCFlags: [CSetting] = [.unsafeFlags(["-march=x86-64-v3"])]
#else
let cpuFlags: [SwiftSetting] = []
let cpuCFlags: [CSetting] = []
#endif

let package = Package(
    name: "SwiftGRPO",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "grpo", targets: ["grpo"]),
        .library(name: "Autograd", targets: ["Autograd"]),
        .library(name: "Models", targets: ["Models"]),
        .library(name: "Tokenizers", targets: ["Tokenizers"]),
        .library(name: "Generation", targets: ["Generation"]),
        .library(name: "Rewards", targets: ["Rewards"]),
        .library(name: "RolloutLog", targets: ["RolloutLog"]),
        .library(name: "Training", targets: ["Training"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .target(name: "CBLASBootstrap", dependencies: ["COpenBLAS"], cSettings: cpuCFlags),
        // Kernels for instructions chosen at run time (AVX-512), compiled with target attributes.
        .target(name: "CKernels", cSettings: cpuCFlags),
        .target(name: "Autograd", dependencies: ["COpenBLAS", "CBLASBootstrap", "CKernels"], swiftSettings: cpuFlags),
        .target(name: "Models", dependencies: ["Autograd"], swiftSettings: cpuFlags),
        .target(name: "Tokenizers", swiftSettings: cpuFlags),
        .target(name: "Generation", dependencies: ["Autograd", "Models", "Tokenizers"], swiftSettings: cpuFlags),
        .target(name: "Rewards", swiftSettings: cpuFlags),
        .target(name: "RolloutLog", dependencies: ["CZstd"], swiftSettings: cpuFlags),
        .target(name: "Tasks", dependencies: ["Rewards"], swiftSettings: cpuFlags),
        // MPI is opened at run time (dlopen), so the package builds and runs single-process without Open MPI.
        .target(name: "Cluster", swiftSettings: cpuFlags),
        .target(name: "Training",
                dependencies: ["Autograd", "Models", "Tokenizers", "Generation", "Rewards", "Tasks", "RolloutLog", "Cluster",
                               .product(name: "Yams", package: "Yams")],
                swiftSettings: cpuFlags),
        .executableTarget(
            name: "grpo",
            dependencies: ["Autograd", "Models", "Tokenizers", "Generation", "Rewards", "RolloutLog", "Tasks", "Training", "Cluster",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: cpuFlags),
        .target(name: "TestSupport", dependencies: ["Autograd"], swiftSettings: cpuFlags),
        .testTarget(name: "AutogradTests", dependencies: ["Autograd", "TestSupport"], swiftSettings: cpuFlags),
        .testTarget(name: "GenerationTests", dependencies: ["Generation", "Models", "Autograd", "Tokenizers", "TestSupport"],
                    exclude: ["Fixtures"], swiftSettings: cpuFlags),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "Autograd", "TestSupport"], exclude: ["Fixtures"],
                    swiftSettings: cpuFlags),
        .testTarget(name: "RolloutLogTests", dependencies: ["RolloutLog", "TestSupport"], swiftSettings: cpuFlags),
        .testTarget(name: "TokenizersTests", dependencies: ["Tokenizers", "TestSupport"], exclude: ["Fixtures"],
                    swiftSettings: cpuFlags),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "Models", "Rewards", "RolloutLog", "Autograd", "Generation", "Tasks", "Tokenizers", "TestSupport"],
                    exclude: ["Fixtures"], swiftSettings: cpuFlags),
        .testTarget(name: "TasksTests", dependencies: ["Tasks", "Rewards"], swiftSettings: cpuFlags),
        .testTarget(name: "RewardsTests", dependencies: ["Rewards"], exclude: ["Fixtures"],
                    swiftSettings: cpuFlags),
    ]
)
