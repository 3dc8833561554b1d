// Python text run before a `code_tests` program. Programs run under `python3 -I -S`: without `site`, which
// here would run the host's `.pth` files inside every sandboxed program and costs 4.5 ms of a 9 ms start,
// but also without the builtins `exit()` and `quit()` that site defines and that many solutions end with.
// This defines them the way `site.setquit` does.

enum PythonPrelude {
    /// Module-level code that defines builtins `exit` and `quit` as site does and leaves no other name behind.
    static let quitters = #"""
        def _grpo_install_quitters():
            import builtins, sys

            class Quitter:
                def __init__(self, name):
                    self.name = name

                def __repr__(self):
                    return "Use %s() or Ctrl-D (i.e. EOF) to exit" % self.name

                def __call__(self, code=None):
                    try:
                        sys.stdin.close()
                    except BaseException:
                        pass
                    raise SystemExit(code)

            builtins.exit, builtins.quit = Quitter("exit"), Quitter("quit")

        _grpo_install_quitters()
        del _grpo_install_quitters

        """#

    /// `python3 -I -S -c THIS PATH`: the quitters, then PATH run as `__main__` with `sys.argv == [PATH]`.
    static let runMain =
        quitters + #"""
            def _grpo_run_main():
                import sys
                path = sys.argv[1]
                sys.argv = sys.argv[1:]
                with open(path, "rb") as f:
                    code = compile(f.read(), path, "exec")
                main = sys.modules["__main__"].__dict__
                del main["_grpo_run_main"]
                main["__file__"] = path
                exec(code, main)

            _grpo_run_main()
            """#

    /// The default `code_tests` command: Python, isolated (-I), without site (-S), through `runMain`.
    static let command = ["/usr/bin/python3", "-I", "-S", "-c", runMain, "{source}"]
}
