"""Money helpers. Every amount is a Decimal in yuan, exact to the fen (0.01)."""
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")
YUAN = Decimal("1")
ZERO = Decimal("0.00")


def to_fen(amount: Decimal) -> Decimal:
    """Settle an amount to the fen, half up, as a hospital's till does."""
    return amount.quantize(FEN, ROUND_HALF_UP)


def as_text(amount: Decimal) -> str:
    """The contract's form: a decimal string with two places."""
    return str(amount.quantize(FEN, ROUND_HALF_UP))


def grouped(amount: Decimal, places: int = 2) -> str:
    """¥ with thousands separators, for people to read."""
    shown = amount.quantize(FEN if places == 2 else YUAN, ROUND_HALF_UP)
    # f-strings format a Decimal twice as fast as str.format.
    if shown.is_signed():         # below zero, or −0.00 (shown as 0.00)
        return f"−¥{-shown:,}" if shown else f"¥{-shown:,}"
    # Below 1,000 there is no separator to place, and a quantized amount's own text is the same
    # figure: str() is quicker than formatting with one (a Decimal in an f-string is formatted, spec or not).
    return "¥" + str(shown) if shown.adjusted() < 3 else f"¥{shown:,}"


def whole_yuan(amount: Decimal) -> int:
    return int(amount.quantize(YUAN, ROUND_HALF_UP))


def split_whole_yuan(parts: list[Decimal], total: int) -> list[int]:
    """Round parts to whole yuan so that they still add up to `total`.

    Largest remainder: floor each part, then give the missing yuan to the parts with
    the largest fractions, earlier parts first on a tie. This is how the Chongqing Q&A
    shows example 5 (fund 107804.5 up to 107805, cash 1527.5 down to 1527).
    """
    floors = [int(p.quantize(YUAN, ROUND_FLOOR)) for p in parts]
    short = total - sum(floors)
    order = sorted(range(len(parts)), key=lambda i: (-(parts[i] - floors[i]), i))
    for i in order[: max(short, 0)]:
        floors[i] += 1
    return floors
