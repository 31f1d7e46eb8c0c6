"""The demo school shipped with edugen: two grade-6 math classes, a curriculum, a catalog."""
