"""Standardization of local governments' core systems: the 20 業務, deadlines and reasons
(`catalogue`), the national lists (`national`), the national picture (`summary`), an
organisation's register of systems and contracts (`register`) and its lock-in indicators
(`indicators`)."""
