VI = {
}
