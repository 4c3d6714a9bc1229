"""HQ-published catalog: products, units with barcodes, price tiers and prices."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, PrimaryKeyConstraint, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import ID, Base, IdMixin, RevisionMixin, TimestampMixin


class Category(IdMixin, Base):
    __tablename__ = "category"

    name: Mapped[str] = mapped_column(String(100))
    parent_id: Mapped[str | None] = mapped_column(ID, ForeignKey("category.id"), default=None)


class Product(IdMixin, TimestampMixin, RevisionMixin, Base):
    __tablename__ = "product"

    sku: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    spec: Mapped[str] = mapped_column(String(100), default="")
    category_id: Mapped[str | None] = mapped_column(ID, ForeignKey("category.id"), default=None)
    base_unit: Mapped[str] = mapped_column(String(20))
    tax_rate_bp: Mapped[int] = mapped_column(default=1300)  # basis points: 1300 = 13 %
    shelf_life_days: Mapped[int | None] = mapped_column(default=None)
    reorder_point: Mapped[int] = mapped_column(default=0)  # base units
    floor_price_fen: Mapped[int | None] = mapped_column(default=None)  # per base unit, from HQ
    archived: Mapped[bool] = mapped_column(default=False)
    # Search keys, kept in step with the name by the catalog service.
    pinyin_initials: Mapped[str] = mapped_column(String(200), default="")
    pinyin_full: Mapped[str] = mapped_column(String(800), default="")

    units: Mapped[list[ProductUnit]] = relationship(
        back_populates="product", order_by="ProductUnit.factor"
    )


class ProductUnit(IdMixin, Base):
    """A unit a product is sold in: the base unit (factor 1) or a pack (箱 = 24 瓶)."""

    __tablename__ = "product_unit"
    __table_args__ = (UniqueConstraint("product_id", "name"),)

    product_id: Mapped[str] = mapped_column(ID, ForeignKey("product.id"), index=True)
    name: Mapped[str] = mapped_column(String(20))
    factor: Mapped[int] = mapped_column()  # base units per one of this unit

    product: Mapped[Product] = relationship(back_populates="units")
    barcodes: Mapped[list[Barcode]] = relationship(back_populates="unit")


class Barcode(IdMixin, Base):
    """A barcode belongs to one unit of one product."""

    __tablename__ = "barcode"

    code: Mapped[str] = mapped_column(String(50), unique=True)
    unit_id: Mapped[str] = mapped_column(ID, ForeignKey("product_unit.id"), index=True)
    product_id: Mapped[str] = mapped_column(ID, ForeignKey("product.id"), index=True)

    unit: Mapped[ProductUnit] = relationship(back_populates="barcodes")


class ProductSearchToken(Base):
    """Search keys of a product (name suffixes, pinyin, codes) for indexed prefix lookups.

    SQLite's FTS5 trigram tokenizer cannot match two-character Chinese words, so the catalog
    service maintains these rows itself (app/search_keys.py). The table is clustered on
    (token, product_id) (WITHOUT ROWID), so a prefix range reads token, product and kind from
    one B-tree; the product_id index serves rebuilding one product's keys.
    """

    __tablename__ = "product_search_token"
    __table_args__ = (
        PrimaryKeyConstraint("token", "product_id"),
        Index("ix_product_search_token_product_id", "product_id"),
        {"sqlite_with_rowid": False},
    )

    token: Mapped[str] = mapped_column(String(100))
    product_id: Mapped[str] = mapped_column(ID, ForeignKey("product.id"))
    # sku | barcode | name | initials | pinyin | sub (see app.search_keys.KIND_RANK)
    kind: Mapped[str] = mapped_column(String(10))


class PriceTier(IdMixin, Base):
    __tablename__ = "price_tier"

    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(50))


class ProductPrice(IdMixin, RevisionMixin, Base):
    """Price per base unit of a product for one tier (a pack costs factor × this)."""

    __tablename__ = "product_price"
    __table_args__ = (UniqueConstraint("product_id", "tier_id"),)

    product_id: Mapped[str] = mapped_column(ID, ForeignKey("product.id"), index=True)
    tier_id: Mapped[str] = mapped_column(ID, ForeignKey("price_tier.id"))
    price_fen: Mapped[int] = mapped_column()
