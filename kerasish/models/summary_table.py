"""Plain-text box tables laid out exactly as the `rich` library lays out the table of Keras 3's
`model.summary()` (heavy header box, a line between rows, fixed column widths, word wrapping,
"…" for words too long for their cell), so a summary reads the same in both libraries without
depending on rich. Only what the summary uses is here: fixed-width columns, no styles."""
import os
import unicodedata

# The box characters rich's default table box (HEAVY_HEAD) draws with show_lines=True:
# (left, horizontal, joint, right) for each kind of line.
_TOP = ("┏", "━", "┳", "┓")
_HEADER_SEPARATOR = ("┡", "━", "╇", "┩")
_ROW_SEPARATOR = ("├", "─", "┼", "┤")
_BOTTOM = ("└", "─", "┴", "┘")
_HEADER_BAR = "┃"
_ROW_BAR = "│"
_PADDING = 1  # one space each side of a cell's text


def console_width():
    """The width rich's Console would use: in a Jupyter notebook $JUPYTER_COLUMNS or 115;
    else $COLUMNS, else the first of stdin, stdout and stderr that is a terminal, else 80."""
    if _in_jupyter():
        columns = os.environ.get("JUPYTER_COLUMNS")
        return int(columns) if columns is not None and columns.isdigit() else 115
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        return int(columns)
    width = None
    for fd in (0, 1, 2):
        try:
            width = os.get_terminal_size(fd).columns
            break
        except (AttributeError, ValueError, OSError):
            continue
    return width or 80


def _in_jupyter():
    """Whether this runs in a notebook kernel (as rich detects it: IPython's shell class)."""
    import builtins
    get_ipython = getattr(builtins, "get_ipython", None)
    if get_ipython is None:
        return False
    shell = get_ipython()
    return (shell.__class__.__name__ == "ZMQInteractiveShell"
            or "google.colab" in str(shell.__class__)
            or bool(os.getenv("DATABRICKS_RUNTIME_VERSION")))


def cell_len(text):
    """Terminal cells the text takes: wide East Asian characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    total = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cc", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def set_cell_size(text, total):
    """The text cropped or padded with spaces to exactly `total` cells."""
    if total <= 0:
        return ""
    size = cell_len(text)
    if size < total:
        return text + " " * (total - size)
    while cell_len(text) > total:
        text = text[:-1]
    return text + " " * (total - cell_len(text))


def _chop_cells(text, width):
    lines, line, size = [], "", 0
    for ch in text:
        ch_size = cell_len(ch)
        if size + ch_size > width and line:
            lines.append(line)
            line, size = "", 0
        line += ch
        size += ch_size
    if line:
        lines.append(line)
    return lines


def _words(text):
    """(start, word) for each word with the spaces around it, as rich splits a line."""
    i, n = 0, len(text)
    while i < n:
        start = i
        while i < n and text[i].isspace():
            i += 1
        if i == n:
            return
        while i < n and not text[i].isspace():
            i += 1
        while i < n and text[i].isspace():
            i += 1
        yield start, text[start:i]


def _break_offsets(text, width, fold):
    """Where rich breaks a line of text to fit `width` cells (greedy word wrap; a word longer
    than the width is folded over several lines, or left whole to be cut with an ellipsis)."""
    breaks, offset = [], 0
    for start, word in _words(text):
        word_length = cell_len(word.rstrip())
        if width - offset >= word_length:
            offset += cell_len(word)
        elif word_length > width:
            if fold:
                pieces = _chop_cells(word, width)
                for index, piece in enumerate(pieces):
                    if start:
                        breaks.append(start)
                    if index == len(pieces) - 1:
                        offset = cell_len(piece)
                    else:
                        start += len(piece)
            else:
                if start:
                    breaks.append(start)
                offset = cell_len(word)
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    return breaks


def _truncate(line, width, overflow, pad=False):
    length = cell_len(line)
    if length > width:
        if overflow == "ellipsis":
            line = set_cell_size(line, width - 1) + "…"
        else:
            line = set_cell_size(line, width)
    if pad and length < width:
        line += " " * (width - length)
    return line


def wrap(text, width, justify="default", overflow="fold"):
    """The lines rich renders `text` as in `width` cells (rich's Text.wrap)."""
    lines = []
    for paragraph in text.split("\n"):
        bounds = [0] + _break_offsets(paragraph, width, overflow == "fold") + [len(paragraph)]
        for a, b in zip(bounds, bounds[1:]):
            line = paragraph[a:b]
            excess = len(line) - width
            if excess > 0:  # trailing spaces beyond the width go
                stripped = line.rstrip()
                line = line[:len(line) - min(len(line) - len(stripped), excess)]
            if justify == "left":
                line = _truncate(line, width, overflow, pad=True)
            elif justify == "center":
                line = _truncate(line.rstrip(), width, overflow)
                line = " " * ((width - cell_len(line)) // 2) + line
                line += " " * (width - cell_len(line))
            elif justify == "right":
                line = _truncate(line.rstrip(), width, overflow)
                line = " " * (width - cell_len(line)) + line
            lines.append(_truncate(line, width, overflow))
    return lines


def _ratio_reduce(total, ratios, maximums, values):
    ratios = [r if m else 0 for r, m in zip(ratios, maximums)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return list(values)
    result = []
    for ratio, maximum, value in zip(ratios, maximums, values):
        if ratio and total_ratio > 0:
            distributed = min(maximum, round(ratio * total / total_ratio))
            result.append(value - distributed)
            total -= distributed
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _ratio_distribute(total, ratios):
    total_ratio = sum(ratios)
    result = []
    for ratio in ratios:
        distributed = -(-ratio * total // total_ratio) if total_ratio > 0 else total
        result.append(distributed)
        total_ratio -= ratio
        total -= distributed
    return result


def _column_widths(widths, table_width):
    """Each column's width with its padding, as rich fits fixed-width columns into a table of
    `table_width` cells (borders included): rich reserves the borders, then takes the excess
    evenly off every column, or spreads the spare width over them."""
    max_width = table_width - (len(widths) + 1)
    widths = [(min(w + 2 * _PADDING, max_width) if max_width >= 1 else 0) or 1 for w in widths]
    total = sum(widths)
    if total > max_width:
        fixed = widths
        widths = _ratio_reduce(total - max_width, [1] * len(widths), widths, widths)
        total = sum(widths)
        widths = [min(f, w) if w >= 1 else 0 for f, w in zip(fixed, widths)]
    if total < max_width and sum(widths) > 0:
        widths = [w + p for w, p in zip(widths, _ratio_distribute(max_width - total, widths))]
    return widths


def _rule(chars, widths):
    left, horizontal, joint, right = chars
    return left + joint.join(horizontal * w for w in widths) + right


def _row_lines(cells, widths, justify, bar, header=False):
    blocks = []
    for text, width, how in zip(cells, widths, justify):
        inner = max(width - 2 * _PADDING, 0)
        # rich renders nothing in a cell with no room inside its padding
        lines = wrap(text, inner, how, "ellipsis") if inner >= 1 else [""]
        lines = [set_cell_size(line, inner) for line in lines]
        blocks.append([" " * _PADDING + line + " " * _PADDING for line in lines])
    height = max(len(block) for block in blocks)
    # Header cells sit at the bottom of their row, body cells at the top (as rich aligns them).
    blocks = [([" " * w] * (height - len(block)) + block) if header else
              (block + [" " * w] * (height - len(block))) for block, w in zip(blocks, widths)]
    return [bar + bar.join(parts) + bar for parts in zip(*blocks)]


def render_table(header, rows, widths, justify, table_width):
    """The lines of a table with a heavy header box and a rule between rows."""
    widths = _column_widths(widths, table_width)
    lines = [_rule(_TOP, widths)]
    lines += _row_lines(header, widths, justify, _HEADER_BAR, header=True)
    lines.append(_rule(_HEADER_SEPARATOR, widths))
    for i, row in enumerate(rows):
        if i:
            lines.append(_rule(_ROW_SEPARATOR, widths))
        lines += _row_lines(row, widths, justify, _ROW_BAR)
    lines.append(_rule(_BOTTOM, widths))
    return lines
