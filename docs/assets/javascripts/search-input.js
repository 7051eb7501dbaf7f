// Material's search reads the query on keyup only, so text that arrives with
// no key released in the box (an input method's composition, a paste from the
// menu, dictation, a phone keyboard's suggestion) was never searched: typing
// Kazakh or Russian that way showed "type to start searching". Every input
// now tells the search as a key would.
document.addEventListener("input", function (event) {
  var box = event.target;
  if (box instanceof HTMLInputElement && box.matches("input.md-search__input")) {
    box.dispatchEvent(new KeyboardEvent("keyup"));
  }
});
