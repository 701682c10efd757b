"""Write the generated reference pages: `python docs/generate.py` (tests check they are current)."""

from pathlib import Path

from equality_docs.reference import cli_markdown, contexts_markdown, input_format_markdown

HERE = Path(__file__).resolve().parent
PAGES = {
    "input-format.md": input_format_markdown,
    "template-contexts.md": contexts_markdown,
    "cli.md": cli_markdown,
}

if __name__ == "__main__":
    for name, make in PAGES.items():
        (HERE / name).write_text(make(), encoding="utf-8")
        print(HERE / name)  # a script's report of what it wrote
