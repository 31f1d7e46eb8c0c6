"""The demo school shipped with edugen: math classes of grades 6-8, a curriculum, a catalog."""
