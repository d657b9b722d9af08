"""The house rules that code review forgets: no import cycles, every setting declared.

Both tests read the source with `ast`, so they see what a newcomer sees, without importing anything.
"""

import ast
from collections import defaultdict
from pathlib import Path

from django.conf import global_settings, settings

ROOT = Path(__file__).resolve().parents[2]
# Every app of the project's own, including `nearby`, which only lends code to others (not in PROJECT_APPS).
PROJECT_PACKAGES = [*settings.PROJECT_APPS, "nearby"]
SETTINGS_MODULES = ["website/settings/base.py", "website/settings/search.py"]


def project_modules():
    """{dotted module name: path} for every .py file of the project's own packages."""
    modules = {}
    for package in PROJECT_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def module_level_imports(tree):
    """Import statements that run when the module is imported.

    Imports inside functions run only when called, and `if TYPE_CHECKING:` blocks never run, so neither
    counts. Class bodies run at import, so they do.
    """
    for node, in_function, _ in all_imports(tree):
        if not in_function:
            yield node


def all_imports(tree):
    """(import statement, inside a function?, inside a routable page's route method?) for every import."""
    pending = [(node, False, False) for node in tree.body]
    while pending:
        node, in_function, in_route = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            route = in_route or any(
                _is_route_decorator(decorator) for decorator in getattr(node, "decorator_list", [])
            )
            pending.extend((child, True, route) for child in ast.iter_child_nodes(node))
            continue
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            pending.extend((child, in_function, in_route) for child in node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node, in_function, in_route
            continue
        pending.extend((child, in_function, in_route) for child in ast.iter_child_nodes(node))


def _is_route_decorator(decorator):
    # wagtail.contrib.routable_page's @path(...), @re_path(...) and the older @route(...).
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return name in ("path", "re_path", "route")


def is_documented_hand_off(source, target, in_route):
    """A routable page's route method importing its app's views: the one allowed circle (CONTRIBUTING.md)."""
    app = source.split(".")[0]
    in_models = source == f"{app}.models" or source.startswith(f"{app}.models.")
    to_views = target == f"{app}.views" or target.startswith(f"{app}.views.")
    return in_route and in_models and to_views


def imported_modules(node, module_name, is_package, modules):
    """The project modules an import statement loads (the deepest one that exists, for each name)."""
    if isinstance(node, ast.Import):
        targets = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            anchor = module_name.split(".")
            if not is_package:
                anchor = anchor[:-1]
            anchor = anchor[: len(anchor) - (node.level - 1)]
            base = ".".join(filter(None, [*anchor, base]))
        targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
    found = set()
    for target in targets:
        parts = target.split(".")
        # Importing a.b.c also runs a/__init__ and a/b/__init__.
        for depth in range(1, len(parts) + 1):
            candidate = ".".join(parts[:depth])
            if candidate in modules:
                found.add(candidate)
    # A module's own packages are already being imported when it runs: not an edge.
    ancestors = {".".join(module_name.split(".")[:depth]) for depth in range(1, module_name.count(".") + 1)}
    return found - ancestors - {module_name}


def import_graph(include_function_imports=False):
    """{module: {imported module: line}} between the project's modules.

    Module-level imports only by default; with include_function_imports, also the imports deferred into
    functions, except the documented routable-page hand-off.
    """
    modules = project_modules()
    graph = defaultdict(dict)
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node, in_function, in_route in all_imports(tree):
            if in_function and not include_function_imports:
                continue
            for target in imported_modules(node, name, path.name == "__init__.py", modules):
                if in_function and is_documented_hand_off(name, target, in_route):
                    continue
                graph[name].setdefault(target, node.lineno)
    return graph


def strongly_connected_components(graph):
    """Tarjan's algorithm; every component of more than one module is an import cycle."""
    index, low, stack, on_stack, components = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in graph.get(node, {}):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            components.append(component)

    for node in list(graph):
        if node not in index:
            visit(node)
    return components


def cycle_report(graph):
    modules = project_modules()
    cycles = [component for component in strongly_connected_components(graph) if len(component) > 1]
    report = []
    for component in cycles:
        report.append("cycle: " + ", ".join(sorted(component)))
        for source in sorted(component):
            for target, line in sorted(graph[source].items()):
                if target in component:
                    report.append(f"    {modules[source].relative_to(ROOT)}:{line} imports {target}")
    return report


def test_the_project_modules_import_each_other_without_a_cycle():
    report = cycle_report(import_graph())
    assert not report, (
        "Module-level imports form a cycle. Move the shared code into a module both can import, or, "
        "for a routable page's route, import the view inside the route method (CONTRIBUTING.md).\n"
        + "\n".join(report)
    )


def test_no_cycle_is_hidden_by_deferring_an_import_into_a_function():
    """An import moved into a function only hides a circle; the route hand-off is the one exception."""
    report = cycle_report(import_graph(include_function_imports=True))
    assert not report, (
        "Imports deferred into functions close a cycle (only a routable page's route method may import "
        "its app's views). Give the shared code its own module.\n" + "\n".join(report)
    )


def declared_settings():
    names = {name for name in dir(global_settings) if name.isupper()}
    for relative in SETTINGS_MODULES:
        tree = ast.parse((ROOT / relative).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id.isupper():
                names.add(node.id)
    return names


def settings_reads():
    """(path, line, name, how) for every read of django.conf.settings in the project's code.

    Only modules that import `settings` from django.conf count, and only UPPER_CASE attributes (Django
    settings are upper case by rule), so a local `settings = SiteSettings.for_site(site)` is not read as
    one.
    """
    for path in project_modules().values():
        relative = path.relative_to(ROOT)
        if relative.parts[:2] == ("website", "settings") or "migrations" in relative.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports_settings = any(
            isinstance(node, ast.ImportFrom)
            and node.module == "django.conf"
            and any(alias.name == "settings" and alias.asname is None for alias in node.names)
            for node in ast.walk(tree)
        )
        if not imports_settings:
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "settings"
                and node.attr.isupper()
            ):
                yield relative, node.lineno, node.attr, "settings.X"
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("getattr", "hasattr")
                and node.args
                and isinstance(node.args[0], ast.Name)
                and node.args[0].id == "settings"
            ):
                name = node.args[1].value if isinstance(node.args[1], ast.Constant) else "?"
                yield relative, node.lineno, name, node.func.id


def test_settings_are_read_as_attributes_never_with_getattr_and_a_default():
    found = [
        f"{path}:{line} {how}(settings, {name!r})"
        for path, line, name, how in settings_reads()
        if how != "settings.X"
    ]
    assert not found, (
        "Declare the setting with its default and a comment in website/settings/base.py and read it as "
        "settings.X:\n" + "\n".join(found)
    )


def test_every_setting_the_project_reads_is_declared_in_website_settings():
    declared = declared_settings()
    undeclared = [
        f"{path}:{line} settings.{name}"
        for path, line, name, _ in settings_reads()
        if name not in declared and name != "?"
    ]
    assert not undeclared, (
        "Read but not declared in " + " or ".join(SETTINGS_MODULES) + ":\n" + "\n".join(undeclared)
    )
