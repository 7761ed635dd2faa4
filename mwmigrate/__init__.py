"""mwmigrate: get a WordPress site out of WordPress, whole and faithful, and keep it safe."""

__version__ = "0.1.0"
