from townhall.comments.threads import Node, flatten


class Fake:
    def __init__(self, name):
        self.name = name


def node(name, *replies):
    return Node(Fake(name), list(replies))


def markup(rows) -> str:
    """The list markup the thread template writes for these rows."""
    out = "<ol>"
    for row in rows:
        out += f"<li>{row.node.comment.name}"
        out += "<ol>" if row.has_replies else "</li>"
        out += "</ol></li>" * len(row.closes)
    return out + "</ol>"


def test_flattened_threads_nest_and_close_correctly():
    threads = [node("A", node("B", node("C")), node("D")), node("E")]
    rows = flatten(threads)
    assert [r.node.comment.name for r in rows] == ["A", "B", "C", "D", "E"]
    assert markup(rows) == (
        "<ol><li>A<ol><li>B<ol><li>C</li></ol></li><li>D</li></ol></li><li>E</li></ol>"
    )


def test_a_deep_last_reply_closes_every_level():
    rows = flatten([node("A", node("B", node("C", node("D"))))])
    assert [len(r.closes) for r in rows] == [0, 0, 0, 3]
    assert markup(rows).count("<ol>") == markup(rows).count("</ol>")
