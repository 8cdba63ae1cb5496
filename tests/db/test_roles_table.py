"""The roles table (the target of users.role's foreign key) holds exactly the domain's roles."""

from sqlalchemy import create_engine, select

from api.db.migrate import upgrade
from api.db.models import Role as RoleRow
from api.domain.permissions import Role


def test_the_roles_table_holds_the_domains_roles(tmp_path):
    url = f"sqlite:///{tmp_path / 'roles.sqlite3'}"
    upgrade(url)
    engine = create_engine(url)
    with engine.connect() as connection:
        codes = set(connection.scalars(select(RoleRow.code)))
    engine.dispose()
    assert codes == {role.value for role in Role}, "a role of the domain needs a migration adding its row"
